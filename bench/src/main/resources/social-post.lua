-- wrk script: POST a webhook body like the ones notify sends (bench/run-social.sh, SocialBench).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Newswire-Timestamp"] = "1764400000"
wrk.headers["X-Newswire-Signature"] = "sha256=0000000000000000000000000000000000000000000000000000000000000000"
wrk.headers["Idempotency-Key"] = "bench-wrk"
wrk.body = '{"storyId":"bench","title":"Council approves the new harbour bridge","summary":"The vote ended a long argument.",' ..
  '"url":"https://news.example/bench","text":"Council approves the new harbour bridge https://news.example/bench",' ..
  '"image":null,"hashtags":[],"language":"en"}'
