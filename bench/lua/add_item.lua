dofile(os.getenv("BENCH_LUA") .. "/shoppers.lua")
request = add_item
