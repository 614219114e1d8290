dofile(os.getenv("BENCH_LUA") .. "/shoppers.lua")
request = get_cart
