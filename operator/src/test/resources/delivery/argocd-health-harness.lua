-- Runs an Argo CD health script against sample objects the way Argo CD does: the object as the global `obj`, and
-- only the libraries Argo CD opens (base, table; no string, math, io or full os).
-- usage: lua5.1 argocd-health-harness.lua HEALTH.lua CASES.lua
-- prints one line per case: name <TAB> expected status <TAB> actual status <TAB> message
local script_path, cases_path = arg[1], arg[2]

local function read(path)
  local file = assert(io.open(path, "r"))
  local text = file:read("*a")
  file:close()
  return text
end

local script = read(script_path)
local cases = assert(loadstring(read(cases_path), "cases"))()

local function sandbox(obj)
  return {
    obj = obj,
    assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = pcall, select = select,
    tonumber = tonumber, tostring = tostring, type = type, unpack = unpack,
    table = { concat = table.concat, insert = table.insert, remove = table.remove, sort = table.sort },
  }
end

local failures = 0
for _, case in ipairs(cases) do
  local chunk = assert(loadstring(script, "health"))
  setfenv(chunk, sandbox(case.obj))
  local ok, hs = pcall(chunk)
  if not ok then
    io.write(case.name, "\t", case.expected, "\tERROR\t", tostring(hs), "\n")
  elseif type(hs) ~= "table" then
    io.write(case.name, "\t", case.expected, "\tERROR\tscript returned ", type(hs), "\n")
  else
    io.write(case.name, "\t", case.expected, "\t", tostring(hs.status), "\t", tostring(hs.message), "\n")
  end
end
