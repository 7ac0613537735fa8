-- status.lua: wrk script of scripts/bench for call status callbacks
-- (in-progress, then completed), pre-signed by bench/gen_requests.py (its
-- status.txt after "--").
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "requests.lua")
