-- gather.lua: wrk script of scripts/bench for gather turns: booking
-- conversations with the embedded agent, pre-signed by bench/gen_requests.py
-- (its gather.txt after "--"; scripts/bench opens the calls first).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "requests.lua")
