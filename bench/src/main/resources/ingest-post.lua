-- wrk script for figure 3 (bench/run-ingest-throughput.sh, IngestThroughputBench): every request POSTs a
-- distinct 5 KB story (its own URL, so a new article answered 202) to /api/v1/articles. The Authorization
-- header comes from wrk's -H. Argument (after --): a label that keeps URLs distinct across wrk runs.
-- At the end it prints "answers-not-202 N": wrk itself counts only statuses >= 400 as errors.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local filler = string.rep("The council met on Tuesday and agreed the budget after a long debate about the new bridge. ", 60)

function init(args)
  label = args[1] or "run"
  sent = 0
  not202 = 0
  wrk.method = "POST"
  wrk.path = "/api/v1/articles"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sent = sent + 1
  local id = label .. "-" .. tid .. "-" .. sent
  local head = '{"url":"https://bench.example/load/' .. id .. '","title":"Load story ' .. id ..
    '","summary":"A story sent by the ingest throughput benchmark.","categories":["bench"],"contentHtml":"<p>'
  local tail = '</p>"}'
  local body = head .. string.sub(filler, 1, 5120 - #head - #tail) .. tail
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 202 then
    not202 = not202 + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("not202")
  end
  io.write(string.format("answers-not-202 %d\n", total))
end
