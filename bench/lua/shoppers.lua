-- Shared by the scenarios: each request is signed as a random one of many shoppers (tokens from tokens.py).
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS") or "tokens.txt") do
  tokens[#tokens + 1] = line
end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))

function random_token()
  return tokens[math.random(#tokens)]
end

function get_cart()
  return wrk.format("GET", "/api/v1/cart", { ["Authorization"] = "Bearer " .. random_token() })
end

function add_item()
  local body = string.format('{"sku":"SG-%04d","quantity":1}', math.random(49))
  return wrk.format("POST", "/api/v1/cart/items", {
    ["Authorization"] = "Bearer " .. random_token(),
    ["Content-Type"] = "application/json",
  }, body)
end
