// Test support for the reference server's unit tests: an ApiService on a
// ManualClock, requests built from form fields, and the envelope of an error
// response read back with the strict parser (so every test also checks that
// the body is a well-formed envelope).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "errcontract/catalog.h"
#include "errcontract/envelope.h"
#include "server/api_service.h"

namespace errcontract::testing {

using Form = std::vector<std::pair<std::string, std::string>>;

inline std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

inline std::string encode_form(const Form& form) {
  std::string out;
  for (const auto& [name, value] : form) {
    if (!out.empty()) out.push_back('&');
    out += url_encode(name) + "=" + url_encode(value);
  }
  return out;
}

class DevApi {
 public:
  DevApi() : service_(Catalog::builtin(), clock_) {}

  const std::string& fixture(const std::string& name) const { return service_.fixtures().at(name); }
  internal::ManualClock& clock() { return *clock_; }
  internal::ApiService& service() { return service_; }

  // GET, HEAD and DELETE send `form` as the query string; others as a form body.
  HttpResponse send(const std::string& method, const std::string& path, const Form& form = {},
                    const std::string& token_fixture = "token") {
    HttpRequest request;
    request.method = method;
    request.target = path;
    const bool in_query = method == "GET" || method == "HEAD" || method == "DELETE";
    if (in_query && !form.empty()) request.target += "?" + encode_form(form);
    if (!in_query) {
      request.body = encode_form(form);
      request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    }
    if (!token_fixture.empty()) {
      request.headers.emplace_back("Authorization", "Bearer " + fixture(token_fixture));
    }
    return service_.handle(request);
  }

  HttpResponse send_body(const std::string& method, const std::string& path,
                         const std::string& content_type, std::string body) {
    HttpRequest request{
        method, path, {{"Authorization", "Bearer " + fixture("token")}}, std::move(body)};
    if (!content_type.empty()) request.headers.emplace_back("Content-Type", content_type);
    return service_.handle(request);
  }

  // Creates a bucket of `type` for the account of `token_fixture`; asserts 201.
  std::string make_bucket(const std::string& name, const std::string& type = "file",
                          const std::string& token_fixture = "token") {
    HttpResponse r =
        send("PUT", "/buckets/", {{"bucket_name", name}, {"type", type}}, token_fixture);
    EXPECT_EQ(r.status, 201) << r.body;
    return name;
  }

 private:
  std::shared_ptr<internal::ManualClock> clock_ = std::make_shared<internal::ManualClock>();
  internal::ApiService service_;
};

// The envelope of an error response; fails the test when the body is not one.
inline Envelope envelope_of(const HttpResponse& response) {
  EnvelopeParse parse = parse_envelope(response.body);
  EXPECT_TRUE(parse.ok()) << response.body;
  return parse.envelope.value_or(Envelope{});
}

inline std::string code_of(const HttpResponse& response) {
  return envelope_of(response).error_code;
}

// "21203 404" for an error, "ok 201" for a success: one readable assertion.
inline std::string outcome(const HttpResponse& response) {
  if (response.status >= 400) return code_of(response) + " " + std::to_string(response.status);
  return "ok " + std::to_string(response.status);
}

// The value of the first string member `name` of a success body, found by
// text ("" when absent): enough for the flat bodies the handlers send.
inline std::string string_member(const std::string& body, const std::string& name) {
  const std::string key = "\"" + name + "\":\"";
  const std::size_t start = body.find(key);
  if (start == std::string::npos) return {};
  const std::size_t from = start + key.size();
  return body.substr(from, body.find('"', from) - from);
}

}  // namespace errcontract::testing
