-- wrk script for bench/http/run.sh. Every request goes out as one of the
-- signed-in peer workers listed in $BENCH_SESSIONS (written by prepare.py:
-- cookie, CSRF token, staff id, a person on their caseload), taken in turn;
-- wrk thread t of $BENCH_WRK_THREADS uses peers t, t+T, t+2T, ...
-- $BENCH_MODE picks the request:
--   record  POST /api/v1/contacts, a draft contact with that peer's person
--   today   GET /today (the peer's "today" page, HTML)
--   person  GET /people/{id} (the person's page, HTML)
-- The bare server answers all three with its constant body, so the same
-- script measures both.
local mode = os.getenv("BENCH_MODE") or "record"
local wrk_threads = tonumber(os.getenv("BENCH_WRK_THREADS") or "1")

local next_thread = 0
function setup(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
end

local peers = {}
local turn = 0
local sent = 0

function init(args)
  local index = 0
  for line in io.lines(os.getenv("BENCH_SESSIONS")) do
    local cookie, csrf, staff, person = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)$")
    if cookie and index % wrk_threads == (thread_index or 0) then
      peers[#peers + 1] = {cookie = cookie, csrf = csrf, staff = staff, person = person}
    end
    index = index + 1
  end
  if #peers == 0 then error("no sessions for this wrk thread") end
end

local function contact_body(peer)
  -- Minutes spread over the day before the benchmark's end date so that
  -- start times vary; every field is valid.
  local minute = sent % 1380
  return string.format(
    '{"person_id": %s, "start": "2026-11-21T%02d:%02d:00Z", "duration_minutes": 45, ' ..
    '"setting": "community", "modalities": ["emotional", "companionship"], ' ..
    '"activities": ["goal_review"], "note": "Walked to the park together and talked ' ..
    'about the week ahead.", "person_words": "It helped to get outside."}',
    peer.person, math.floor(minute / 60), minute % 60)
end

function request()
  turn = turn % #peers + 1
  sent = sent + 1
  local peer = peers[turn]
  if mode == "record" then
    return wrk.format("POST", "/api/v1/contacts",
                      {["Cookie"] = peer.cookie, ["X-CSRF-Token"] = peer.csrf,
                       ["Content-Type"] = "application/json"},
                      contact_body(peer))
  elseif mode == "today" then
    return wrk.format("GET", "/today", {["Cookie"] = peer.cookie})
  else
    return wrk.format("GET", "/people/" .. peer.person, {["Cookie"] = peer.cookie})
  end
end
