-- wrk script: POST a complete, valid match test form.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "r01=5&i01=4&a01=5&s01=2&e01=3&c01=4&r02=1&i02=2&a02=5&s02=3&e02=4&c02=2&r03=1&a03=3&e03=4"
