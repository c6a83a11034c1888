-- Argo CD health check for camstream.io/CameraStream (resource.customizations.health.camstream.io_CameraStream).
-- Argo CD runs it in a Lua 5.1 VM with only the base, table and a safe os library: no string or math functions.
local hs = { status = "Progressing", message = "Waiting for the camstream operator to report status" }

-- Reasons the operator cannot get past on its own: the user must change the spec or create what it references.
local terminal = { InvalidSpec = true, InvalidCredentials = true, SecretNotFound = true, SecretKeyNotFound = true,
  SecretNotLabelled = true, NameConflict = true, NodePortInUse = true, StorageCannotShrink = true,
  StorageClassCannotChange = true, StorageCannotGrow = true,
  ReclaimPolicyCannotChange = true, NoStorageClass = true, RecordingsVolumeLost = true }

local function describe(condition)
  local text = condition.reason or "Unknown"
  if condition.message ~= nil and condition.message ~= "" then
    text = text .. ": " .. condition.message
  end
  return text
end

if obj.status == nil then
  return hs
end

local generation = nil
if obj.metadata ~= nil then
  generation = obj.metadata.generation
end
if generation ~= nil and obj.status.observedGeneration ~= generation then
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local ready = nil
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Ready" then
      ready = condition
    end
  end
end
if ready == nil then
  return hs
end
-- A Ready condition written for an older spec says nothing about the current one.
if generation ~= nil and ready.observedGeneration ~= nil and ready.observedGeneration ~= generation then
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready)
  if obj.status.readyCameras ~= nil then
    hs.message = obj.status.readyCameras .. " cameras publishing. " .. hs.message
  end
  return hs
end

if ready.status == "False" and ready.reason ~= nil and terminal[ready.reason] then
  hs.status = "Degraded"
  hs.message = describe(ready)
  return hs
end

hs.message = describe(ready)
return hs
