-- wrk script: a different occupation search on every request, so no
-- answer is kept from an earlier one and each request runs the search.
local terms = {"softwre developer", "registered nurse", "data enginer", "acountant", "electrician",
  "high school teacher", "truck driver", "web develper", "nurse practitioner", "chef"}
local thread_id = 0
local counter = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
end

function request()
  counter = counter + 1
  local q = terms[(counter % #terms) + 1] .. " " .. id .. "x" .. counter
  return wrk.format("GET", "/occupations?q=" .. q:gsub(" ", "+"))
end
