-- wrk script: POST a complete, valid match test form.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "q01=5&q02=4&q03=5&q04=2&q05=3&q06=4&q07=1&q08=2&q09=5&q10=3&q11=4&q12=2&q13=1&q14=3&q15=4"
