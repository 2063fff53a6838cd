// Test support for the account and agent tests (modules 211, 213): accounts
// created the way the cases create them (an agent's PUT /accounts/, then the
// password grant), requests sent with a granted token, and the debug_code a
// code send returns.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "devserver_support.h"

namespace errcontract::testing {

inline constexpr char kAccountPassword[] = "pass-word-1";

// The request of DevApi::send, with `token` (not a fixture name) as Bearer.
inline HttpResponse send_as(DevApi& api, const std::string& token, const std::string& method,
                            const std::string& path, const Form& form = {}) {
  HttpRequest request;
  request.method = method;
  request.target = path;
  if (method == "GET" || method == "DELETE") {
    if (!form.empty()) request.target += "?" + encode_form(form);
  } else {
    request.body = encode_form(form);
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  }
  request.headers.emplace_back("Authorization", "Bearer " + token);
  return api.service().handle(request);
}

// `form` plus the client_id/client_secret of the fixture client `prefix`
// ("agent_", "small_agent_", "noprice_agent_", "app_").
inline Form with_client(DevApi& api, const std::string& prefix, Form form) {
  form.emplace_back("client_id", api.fixture(prefix + "client_id"));
  form.emplace_back("client_secret", api.fixture(prefix + "client_secret"));
  return form;
}

// A member of a flat JSON success body, as text ("" when absent).
inline std::string member(const std::string& body, const std::string& name) {
  const std::string key = "\"" + name + "\":";
  const std::size_t at = body.find(key);
  if (at == std::string::npos) return {};
  std::size_t begin = at + key.size();
  if (body[begin] == '"') return body.substr(begin + 1, body.find('"', begin + 1) - begin - 1);
  const std::size_t end = body.find_first_of(",}", begin);
  return body.substr(begin, end - begin);
}

// Creates `username` through the agent `prefix`; asserts 201.
inline void create_account(DevApi& api, const std::string& username, Form extra = {},
                           const std::string& prefix = "agent_") {
  Form form = {
      {"username", username}, {"password", kAccountPassword}, {"email", username + "@example.com"}};
  form.insert(form.end(), extra.begin(), extra.end());
  HttpResponse r = api.send("PUT", "/accounts/", with_client(api, prefix, form), "");
  ASSERT_EQ(outcome(r), "ok 201") << r.body;
}

// An access token for `username` by the password grant; "" on failure.
inline std::string grant(DevApi& api, const std::string& username,
                         const std::string& password = kAccountPassword) {
  HttpResponse r = api.send(
      "POST", "/oauth/access_token/",
      with_client(api, "agent_",
                  {{"grant_type", "password"}, {"username", username}, {"password", password}}),
      "");
  EXPECT_EQ(r.status, 200) << r.body;
  return member(r.body, "access_token");
}

// A new account of the agent `prefix` and a token for it.
inline std::string new_account_token(DevApi& api, const std::string& username, Form extra = {},
                                     const std::string& prefix = "agent_") {
  create_account(api, username, std::move(extra), prefix);
  return grant(api, username);
}

}  // namespace errcontract::testing
