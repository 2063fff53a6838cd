// check_contract_response: the contract whatever the code.
#include <gtest/gtest.h>

#include <algorithm>

#include "checks/check_table.h"

namespace errcontract::internal {
namespace {

HttpResponse response(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "application/json"}};
  r.body = std::move(body);
  return r;
}

ContractExpectation put_operators() {
  ContractExpectation e;
  e.method = "PUT";
  e.path = "/operators/";
  return e;
}

std::vector<std::string> ids(const ContractVerdict& v) {
  std::vector<std::string> out;
  for (const auto& f : v.findings) out.emplace_back(to_string(f.id));
  return out;
}

TEST(ContractCheck, ConformingErrorPasses) {
  const auto v = check_contract_response(
      response(409, build_envelope(Catalog::builtin(), "21402", "PUT", "/operators/")),
      Catalog::builtin(), put_operators());
  EXPECT_EQ(v.code, "21402");
  EXPECT_EQ(ids(v), std::vector<std::string>{});
}

TEST(ContractCheck, StatusOfTheCarriedCode) {
  const auto v = check_contract_response(
      response(404, build_envelope(Catalog::builtin(), "21402", "PUT", "/operators/")),
      Catalog::builtin(), put_operators());
  EXPECT_EQ(ids(v), std::vector<std::string>{"status.mismatch"});
}

TEST(ContractCheck, SuccessWithErrorCodeFails) {
  const auto v = check_contract_response(
      response(200, build_envelope(Catalog::builtin(), "21402", "PUT", "/operators/")),
      Catalog::builtin(), put_operators());
  EXPECT_EQ(v.code, "21402");
  EXPECT_EQ(ids(v), std::vector<std::string>{"status.mismatch"});
}

TEST(ContractCheck, SuccessWithoutErrorCodePasses) {
  const auto v =
      check_contract_response(response(200, R"({"ok":true})"), Catalog::builtin(), put_operators());
  EXPECT_TRUE(v.findings.empty());
}

TEST(ContractCheck, UndocumentedCodeFails) {
  const auto v = check_contract_response(
      response(500, build_envelope_raw("29999", "PUT /operators/", "Boom.")), Catalog::builtin(),
      put_operators());
  EXPECT_EQ(v.code, "29999");
  EXPECT_EQ(ids(v), std::vector<std::string>{"code.undocumented"});
}

// A server's HTTP-level answer to a request no route takes ("10" + the
// status, the request echoed UNKNOWN when it could not be read): warnings,
// as a fuzzer sends such requests on purpose. With another status, errors.
TEST(ContractCheck, AnHttpLevelCodeOfItsOwnStatusIsAWarning) {
  auto errors = [](const ContractVerdict& v) {
    return std::count_if(v.findings.begin(), v.findings.end(),
                         [](const Finding& f) { return f.severity == Severity::kError; });
  };
  const auto own = check_contract_response(
      response(414, build_envelope_raw("10414", "UNKNOWN /", "URI Too Long")), Catalog::builtin(),
      put_operators());
  EXPECT_EQ(ids(own), (std::vector<std::string>{"code.undocumented", "request.mismatch"}));
  EXPECT_EQ(errors(own), 0);
  const auto other = check_contract_response(
      response(400, build_envelope_raw("10414", "UNKNOWN /", "URI Too Long")), Catalog::builtin(),
      put_operators());
  EXPECT_GE(errors(other), 2);
}

TEST(ContractCheck, HtmlErrorPageFails) {
  HttpResponse r = response(502, "<html>Bad gateway</html>");
  r.headers = {{"Content-Type", "text/html"}};
  const auto v = check_contract_response(r, Catalog::builtin(), put_operators());
  EXPECT_EQ(v.code, "");
  const auto found = ids(v);
  EXPECT_NE(std::find(found.begin(), found.end(), "body.not_json"), found.end());
}

}  // namespace
}  // namespace errcontract::internal
