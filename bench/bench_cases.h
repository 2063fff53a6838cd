// The case the benchmarks run (bucket-info-unknown, as in
// cases/bucket.cases.json and bench/throughput.sh): a GET the reference
// server answers with 404 and 21203, under N distinct ids.
#pragma once

#include <cstdio>
#include <string>

namespace errcontract::bench {

inline constexpr const char* kCase =
    R"({"id": "bucket-info-unknown-%d", "code": "21203", "summary": "Reading a bucket that )"
    R"(does not exist", "tags": ["bucket"], "request": {"method": "GET", "path": )"
    R"("/buckets/info/", "auth": "token", "query": {"bucket_name": "nb${uniq}"}}, )"
    R"("expect": {"error_code": "21203"}})";

// A case file of `n` copies of the case, one per line, as throughput.sh writes it.
inline std::string case_file(int n) {
  std::string out = "{\n  \"cases\": [\n";
  char line[512];
  for (int i = 0; i < n; ++i) {
    std::snprintf(line, sizeof line, kCase, i);
    out += "    ";
    out += line;
    out += i + 1 < n ? ",\n" : "\n";
  }
  return out + "  ]\n}\n";
}

}  // namespace errcontract::bench
