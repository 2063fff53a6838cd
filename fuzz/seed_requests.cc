// Seeds for the case-file target and the reference-server request target.
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "seeds.h"

namespace errcontract::fuzz {
namespace {

namespace fs = std::filesystem;

// At most this many seeds come from the case library for each target (a
// spread over all files), so the committed corpora stay small.
constexpr std::size_t kMaxCaseSeeds = 48;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<fs::path> case_files(const std::string& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > 11 && name.compare(name.size() - 11, 11, ".cases.json") == 0) {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Every k-th of `n` items so that at most `max` are taken.
std::size_t stride(std::size_t n, std::size_t max) { return n <= max ? 1 : (n + max - 1) / max; }

// Hand-written case files for what the library may not show: each body kind,
// captures, and the loader's variable errors.
std::vector<Seed> case_variants() {
  return {
      {"doc-example.json",
       R"({"$schema":"schema/case-file.schema.json","cases":[{"id":"operator-create-duplicate",)"
       R"("code":"21402","summary":"Creating an operator whose name is taken","tags":["operator"],)"
       R"("fixtures":["token"],"setup":[{"request":{"method":"PUT","path":"/operators/",)"
       R"("auth":"token","form":{"operator_name":"op${uniq}","realname":"Op","password":)"
       R"("pw-${run}"}},"expect":{"status":[200,201]}}],"request":{"method":"PUT",)"
       R"("path":"/operators/","auth":"token","form":{"operator_name":"op${uniq}",)"
       R"("realname":"Op","password":"pw-${run}"}},"expect":{"error_code":"21402"},)"
       R"("teardown":[{"request":{"method":"DELETE","path":"/operators/","auth":"token",)"
       R"("query":{"operator_name":"op${uniq}"}}}]}]})"},
      {"capture.json",
       R"({"cases":[{"id":"c1","code":"21402","setup":[{"request":{"method":"PUT","path":)"
       R"("/buckets/","auth":"token","form":{"bucket_name":"b${uniq}"}},"capture":{"bid":"/id"}}],)"
       R"("request":{"method":"GET","path":"/buckets/${bid}/","headers":{"X-Id":"${bid}"}},)"
       R"("capture":{"after":"/a~1b/0"},"teardown":[{"request":{"method":"DELETE",)"
       R"("path":"/buckets/","query":{"bucket_name":"b${uniq}","x":"${after}"}}}]}]})"},
      {"json-body.json",
       R"({"cases":[{"id":"j1","code":"21402","request":{"method":"POST","path":"/operators/",)"
       R"("json":{"name":"${fixture:username}","n":[1,2.5,-0,1e300,true,null],)"
       R"("${env:HOME}":{"k":"$$5"}}},"expect":{"status":409,"message":"x"}}]})"},
      {"raw-body.json",
       R"({"cases":[{"id":"r1","code":"21402","request":{"method":"PUT","path":"/operators/",)"
       R"("raw":"operator_name=${uniq}&x=%zz","content_type":"text/plain; charset=utf-8"}}]})"},
      {"unknown-variable.json",
       R"({"cases":[{"id":"u1","code":"21402","request":{"method":"PUT","path":"/x/${nope}"}}]})"},
      {"capture-too-early.json",
       R"({"cases":[{"id":"u2","code":"21402","request":{"method":"PUT","path":"/x/${id}"},)"
       R"("capture":{"id":"/id"}}]})"},
      {"unterminated.json",
       R"({"cases":[{"id":"u3","code":"21402","request":{"method":"PUT","path":"/x/${run"}}]})"},
      {"typo-and-bad-code.json",
       R"({"cases":[{"id":"Bad Id","code":"99999","reqest":{"method":"put","path":"x"},)"
       R"("expect":{"status":[700]}},{"id":"Bad Id","code":"21402","request":{"method":"GET",)"
       R"("path":"/"}}]})"},
      {"two-bodies.json",
       R"({"cases":[{"id":"b1","code":"21402","request":{"method":"PUT","path":"/","form":{},)"
       R"("json":[],"raw":"","content_type":"a/b"}}]})"},
  };
}

std::string url_encode(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                      std::string_view("-._~${}:").find(c) != std::string_view::npos;
    out += keep ? std::string(1, c) : fmt::format("%{:02X}", u);
  }
  return out;
}

std::string encode_pairs(const KeyValues& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out += '&';
    out += url_encode(name) + "=" + url_encode(value);
  }
  return out;
}

// One request as the bytes a client sends; Content-Length counts the body as
// written here (the target recomputes it after expanding ${...}).
std::string raw_request(const RequestSpec& spec) {
  std::string target = spec.path;
  if (!spec.query.empty()) target += "?" + encode_pairs(spec.query);
  std::string out = fmt::format("{} {} HTTP/1.1\r\nHost: 127.0.0.1\r\n", spec.method, target);
  for (const auto& [name, value] : spec.headers) out += fmt::format("{}: {}\r\n", name, value);
  if (!spec.auth.empty())
    out += fmt::format("Authorization: Bearer ${{fixture:{}}}\r\n", spec.auth);
  std::string body;
  std::string content_type;
  switch (spec.body_kind) {
    case BodyKind::kNone:
      break;
    case BodyKind::kForm:
      body = encode_pairs(spec.form);
      content_type = "application/x-www-form-urlencoded";
      break;
    case BodyKind::kJson:
      body = spec.json;
      content_type = "application/json";
      break;
    case BodyKind::kRaw:
      body = spec.raw;
      content_type = spec.content_type;
      break;
  }
  if (!content_type.empty()) out += fmt::format("Content-Type: {}\r\n", content_type);
  if (!body.empty()) out += fmt::format("Content-Length: {}\r\n", body.size());
  out += "\r\n";
  out += body;
  return out;
}

std::string endpoint_request(std::string_view method, std::string_view path,
                             std::string_view auth_fixture) {
  RequestSpec spec;
  spec.method = std::string(method);
  spec.path = std::string(path);
  spec.auth = std::string(auth_fixture);
  return raw_request(spec);
}

std::string body_request(std::string_view method, std::string_view path,
                         std::string_view content_type, std::string_view body) {
  RequestSpec spec;
  spec.method = std::string(method);
  spec.path = std::string(path);
  spec.auth = "token";
  spec.body_kind = BodyKind::kRaw;
  spec.raw = std::string(body);
  spec.content_type = std::string(content_type);
  return raw_request(spec);
}

std::string file_name_part(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out += keep ? c : '-';
  }
  return out;
}

}  // namespace

std::vector<Seed> case_file_seeds(const Catalog& catalog, const std::string& cases_dir) {
  std::vector<Seed> seeds = case_variants();
  std::vector<std::pair<std::string, std::string>> cases;  // name, compact case JSON
  for (const fs::path& file : case_files(cases_dir)) {
    rapidjson::Document doc;
    const std::string text = read_text(file);
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("cases") ||
        !doc["cases"].IsArray()) {
      continue;
    }
    const std::string stem =
        file.filename().string().substr(0, file.filename().string().size() - 11);
    for (const rapidjson::Value& c : doc["cases"].GetArray()) {
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
      c.Accept(writer);
      const std::string id = c.IsObject() && c.HasMember("id") && c["id"].IsString()
                                 ? c["id"].GetString()
                                 : std::to_string(cases.size());
      cases.emplace_back(fmt::format("{}-{}.json", stem, file_name_part(id)),
                         std::string(buffer.GetString(), buffer.GetSize()));
    }
  }
  if (cases.empty()) {
    // No library yet: one case per documented endpoint of each module.
    std::set<std::string> modules;
    for (const CodeEntry& e : catalog.entries()) {
      if (e.endpoints.empty() || !modules.insert(e.module).second) continue;
      const std::string& method = e.endpoints.front().method;
      const std::string& path = e.endpoints.front().path;
      cases.emplace_back(
          fmt::format("catalog-{}.json", e.code),
          fmt::format(R"({{"id":"seed-{}","code":"{}","request":{{"method":"{}","path":"{}",)"
                      R"("auth":"token"}},"expect":{{"error_code":"{}"}}}})",
                      e.code, e.code, method, path, e.code));
    }
  }
  const std::size_t step = stride(cases.size(), kMaxCaseSeeds);
  for (std::size_t i = 0; i < cases.size(); i += step) {
    seeds.push_back({cases[i].first, fmt::format(R"({{"cases":[{}]}})", cases[i].second)});
  }
  return seeds;
}

std::vector<Seed> request_seeds(const Catalog& catalog, const CaseLibrary* library) {
  std::vector<Seed> seeds;
  std::set<std::string> endpoints;
  for (const CodeEntry& e : catalog.entries()) {
    for (const CodeEndpoint& endpoint : e.endpoints) {
      if (!endpoints.insert(endpoint.text()).second) continue;
      seeds.push_back({fmt::format("endpoint-{}{}", endpoint.method, file_name_part(endpoint.path)),
                       endpoint_request(endpoint.method, endpoint.path, "token")});
    }
  }
  if (library != nullptr) {
    const std::size_t step = stride(library->cases.size(), kMaxCaseSeeds);
    for (std::size_t i = 0; i < library->cases.size(); i += step) {
      const Case& c = library->cases[i];
      std::string bytes;
      for (const Step& s : c.setup) bytes += raw_request(s.request);
      bytes += raw_request(c.trigger.request);
      seeds.push_back({fmt::format("case-{}", file_name_part(c.id)), bytes});
    }
  }
  const std::string create = body_request("PUT", "/operators/", "application/x-www-form-urlencoded",
                                          "operator_name=op1&realname=R&password=pw123456");
  const std::vector<Seed> extras = {
      {"no-auth", endpoint_request("GET", "/buckets/", "")},
      {"expired-token", endpoint_request("GET", "/accounts/profile/", "expired_token")},
      {"unknown-path", endpoint_request("GET", "/no/such/path/", "token")},
      {"wrong-method", endpoint_request("PATCH", "/operators/", "token")},
      {"head", endpoint_request("HEAD", "/buckets/", "token")},
      {"bad-percent",
       "GET /buckets/info/?bucket_name=%zz HTTP/1.1\r\nAuthorization: Bearer "
       "${fixture:token}\r\n\r\n"},
      {"invalid-utf8-query",
       "GET /buckets/info/?bucket_name=%C3%28 HTTP/1.1\r\nAuthorization: "
       "Bearer ${fixture:token}\r\n\r\n"},
      {"json-body", body_request("PUT", "/operators/", "application/json",
                                 R"({"operator_name":"op1","realname":"R","password":"pw1"})")},
      {"multipart",
       body_request("PUT", "/buckets/", "multipart/form-data; boundary=XX",
                    "--XX\r\nContent-Disposition: form-data; name=\"bucket_name\"\r\n\r\n"
                    "b1\r\n--XX--\r\n")},
      {"create-twice", create + create},
  };
  seeds.insert(seeds.end(), extras.begin(), extras.end());
  return seeds;
}

}  // namespace errcontract::fuzz
