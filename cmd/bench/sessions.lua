-- wrk script: each request carries the next of the session cookies given
-- as arguments ("name=value" each), so the requests in flight belong to
-- different people, as on a busy site.
local cookies = {}
local next_cookie = 0

function init(args)
  for _, c in ipairs(args) do
    cookies[#cookies + 1] = c
  end
  next_cookie = math.random(#cookies)
end

function request()
  next_cookie = next_cookie % #cookies + 1
  return wrk.format(nil, nil, {["Cookie"] = cookies[next_cookie]})
end
