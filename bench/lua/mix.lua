-- 100 reads to 1 write, the mix of the peak the service is built for.
dofile(os.getenv("BENCH_LUA") .. "/shoppers.lua")
local n = 0
request = function()
  n = n + 1
  if n % 101 == 0 then
    return add_item()
  end
  return get_cart()
end
