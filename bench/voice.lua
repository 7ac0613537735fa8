-- voice.lua: wrk script of scripts/bench for the voice webhook: new calls from
-- many callers, pre-signed by bench/gen_requests.py (its voice.txt after "--").
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "requests.lua")
