#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "errcontract/case.h"
#include "errcontract/catalog.h"

namespace errcontract {
namespace {

// Every trigger of these tests is on one of the codes' endpoints; the
// endpoint rule has its own tests below.
constexpr const char* kTestEndpoints =
    R"([{"endpoint": "PUT /operators/", "source": "table", "evidence": "e"},
        {"endpoint": "DELETE /operators/", "source": "inferred", "evidence": "e"},
        {"endpoint": "GET /x", "source": "inferred", "evidence": "e"},
        {"endpoint": "PUT /x", "source": "inferred", "evidence": "e"}])";

std::string entry(const std::string& code, int status) {
  return R"({"code": ")" + code + R"(", "level": )" + code.substr(0, 1) + R"(, "module": ")" +
         code.substr(1, 2) + R"(", "module_name": "m", "detail": ")" + code.substr(3, 2) +
         R"(", "status": )" + std::to_string(status) +
         R"(, "status_reason": "", "status_alternatives": [], "message": "M.",
            "message_rule": "exact", "description_zh": "", "endpoints": )" +
         kTestEndpoints + R"(, "notes": [],
            "source": "table"})";
}

const Catalog& test_catalog() {
  static const Catalog catalog = [] {
    auto parsed = Catalog::parse("{\"codes\": [" + entry("11001", 401) + "," + entry("21402", 409) +
                                     "," + entry("21403", 404) + "]}",
                                 "catalog.json");
    EXPECT_TRUE(parsed.ok()) << parsed.status().message();
    return std::move(parsed).value();
  }();
  return catalog;
}

Result<CaseLibrary> parse(const std::string& json) {
  return CaseLibrary::parse(json, "t.cases.json", test_catalog());
}

// The message of a load that must fail.
std::string errors_of(const std::string& json) {
  auto library = parse(json);
  EXPECT_FALSE(library.ok());
  if (library.ok()) return "(loaded)";
  EXPECT_EQ(library.status().code(), StatusCode::kInvalidInput);
  return library.status().message();
}

// One case on lines 2..N; `body` holds its members after "id" and "code".
std::string one_case(const std::string& body, const std::string& code = "21402") {
  return "{\"cases\": [\n{\"id\": \"c1\", \"code\": \"" + code + "\",\n" + body + "}\n]}";
}

constexpr const char* kMinimalRequest = R"("request": {"method": "GET", "path": "/x"})";

constexpr const char* kFullFile = R"({"cases": [
  {
    "id": "operator-create-duplicate",
    "code": "21402",
    "summary": "Creating an operator whose name is taken",
    "tags": ["operator", "destructive"],
    "fixtures": ["token"],
    "setup": [
      {"request": {"method": "PUT", "path": "/operators/", "auth": "token",
                   "form": {"operator_name": "${uniq}-op", "password": "p$$w"}},
       "expect": {"status": [200, 201]},
       "capture": {"op_id": "/data/id"}}
    ],
    "request": {"method": "PUT", "path": "/operators/", "auth": "admin_token",
                "query": {"b": "2", "a": "1"}, "headers": {"X-Trace": "${run}"},
                "json": {"name": "${uniq}-op", "n": [1, true, null]}},
    "expect": {"message": "Operator already exists."},
    "capture": {"again": "/error_code"},
    "teardown": [
      {"request": {"method": "DELETE", "path": "/operators/${op_id}",
                   "raw": "${again}${fixture:cleanup_key}", "content_type": "text/plain"},
       "expect": {"status": 200, "error_code": "21403"}}
    ]
  }
]}
)";

TEST(CaseLoader, ReadsACompleteCase) {
  auto library = parse(kFullFile);
  ASSERT_TRUE(library.ok()) << library.status().message();
  ASSERT_EQ(library->cases.size(), 1u);
  const Case& c = library->cases[0];
  EXPECT_EQ(c.id, "operator-create-duplicate");
  EXPECT_EQ(c.code, "21402");
  EXPECT_EQ(c.module(), "14");
  EXPECT_EQ(c.summary, "Creating an operator whose name is taken");
  EXPECT_EQ(c.tags, (std::vector<std::string>{"operator", "destructive"}));
  EXPECT_EQ(c.file, "t.cases.json");
  EXPECT_EQ(c.line, 2u);
  // Listed first, then every fixture the steps use, in run order.
  EXPECT_EQ(c.fixtures, (std::vector<std::string>{"token", "admin_token", "cleanup_key"}));

  ASSERT_EQ(c.setup.size(), 1u);
  const Step& setup = c.setup[0];
  EXPECT_EQ(setup.line, 9u);
  EXPECT_EQ(setup.request.method, "PUT");
  EXPECT_EQ(setup.request.auth, "token");
  EXPECT_EQ(setup.request.body_kind, BodyKind::kForm);
  EXPECT_EQ(setup.request.form, (KeyValues{{"operator_name", "${uniq}-op"}, {"password", "p$$w"}}));
  EXPECT_EQ(setup.expect.status, (std::vector<int>{200, 201}));
  EXPECT_FALSE(setup.expect.error_code.has_value());
  EXPECT_EQ(setup.capture.at("op_id"), "/data/id");

  const Step& trigger = c.trigger;
  EXPECT_EQ(trigger.line, 14u);
  EXPECT_EQ(trigger.request.path, "/operators/");
  EXPECT_EQ(trigger.request.query, (KeyValues{{"b", "2"}, {"a", "1"}}));  // file order kept
  EXPECT_EQ(trigger.request.headers, (KeyValues{{"X-Trace", "${run}"}}));
  EXPECT_EQ(trigger.request.body_kind, BodyKind::kJson);
  EXPECT_EQ(trigger.request.json, R"({"name":"${uniq}-op","n":[1,true,null]})");
  EXPECT_EQ(trigger.expect.error_code, "21402");  // defaults to the case's code
  EXPECT_TRUE(trigger.expect.status.empty());     // the catalog's status
  EXPECT_EQ(trigger.expect.message, "Operator already exists.");
  EXPECT_EQ(trigger.capture.at("again"), "/error_code");

  ASSERT_EQ(c.teardown.size(), 1u);
  const Step& teardown = c.teardown[0];
  EXPECT_EQ(teardown.line, 20u);
  EXPECT_EQ(teardown.request.body_kind, BodyKind::kRaw);
  EXPECT_EQ(teardown.request.raw, "${again}${fixture:cleanup_key}");
  EXPECT_EQ(teardown.request.content_type, "text/plain");
  EXPECT_EQ(teardown.expect.status, (std::vector<int>{200}));
  EXPECT_EQ(teardown.expect.error_code, "21403");
}

TEST(CaseLoader, ReadsAFileWhoseDomOutgrowsItsFirstBuffer) {
  // Two bytes of text per value, sixteen of DOM: more than the buffer sized
  // from the text holds, so the DOM goes on in chunks from the heap.
  std::string zeros = "0";
  for (int i = 1; i < 200000; ++i) zeros += ",0";
  auto library = parse(R"({"cases": [{"id": "a", "code": "21402", "request": {"method": "PUT",
      "path": "/operators/", "json": [)" +
                       zeros + "]}}]}");
  ASSERT_TRUE(library.ok()) << library.status().message();
  ASSERT_EQ(library->cases.size(), 1u);
  EXPECT_EQ(library->cases[0].trigger.request.json, "[" + zeros + "]");
  EXPECT_EQ(library->cases[0].trigger.line, 1u);
}

TEST(CaseLoader, FindsCasesAndTags) {
  auto library = parse(kFullFile);
  ASSERT_TRUE(library.ok()) << library.status().message();
  const Case* c = library->find("operator-create-duplicate");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->has_tag("destructive"));
  EXPECT_FALSE(c->has_tag("upstream"));
  EXPECT_EQ(library->find("nope"), nullptr);
}

TEST(CaseLoader, AcceptsSchemaMemberAndEmptyCaseList) {
  auto library = parse(R"({"$schema": "schema/case-file.schema.json", "cases": []})");
  ASSERT_TRUE(library.ok()) << library.status().message();
  EXPECT_TRUE(library->cases.empty());
}

TEST(CaseLoader, RejectsMalformedJsonWithLineAndColumn) {
  EXPECT_EQ(errors_of("{\"cases\": [\n  {\"id\": 'x'}\n]}"),
            "t.cases.json:2:10: invalid JSON: Invalid value.");
}

TEST(CaseLoader, RejectsTrailingComma) {
  EXPECT_EQ(errors_of("{\"cases\": [\n  {\"id\": \"x\",}\n]}"),
            "t.cases.json:2:14: invalid JSON: Missing a name for object member.");
}

TEST(CaseLoader, RejectsInvalidUtf8) {
  EXPECT_EQ(errors_of("{\"cases\": [\n {\"id\": \"\xc3\x28\"}]}"),
            "t.cases.json:2:10: not valid UTF-8");
}

TEST(CaseLoader, RejectsByteOrderMark) {
  EXPECT_EQ(errors_of("\xEF\xBB\xBF{\"cases\": []}"),
            "t.cases.json:1:1: starts with a UTF-8 byte-order mark; remove it");
}

TEST(CaseLoader, RejectsNulByte) {
  EXPECT_EQ(errors_of(std::string("{\"cases\": []}\0x", 15)),
            "t.cases.json:1:14: invalid JSON: holds a NUL byte");
}

// "expect": {"contract": true}: fuzz-api's reproducers expect the contract, not one code.
TEST(CaseLoader, ReadsContractExpectation) {
  auto library =
      parse(one_case(std::string(kMinimalRequest) + R"(, "expect": {"contract": true})"));
  ASSERT_TRUE(library.ok()) << library.status().message();
  EXPECT_TRUE(library->cases[0].trigger.expect.contract);
}

TEST(CaseLoader, RejectsContractWithCodeOrFalse) {
  EXPECT_NE(errors_of(one_case(std::string(kMinimalRequest) +
                               R"(, "expect": {"contract": true, "error_code": "21402"})"))
                .find("\"contract\": true cannot be combined with error_code, status or message"),
            std::string::npos);
  EXPECT_NE(errors_of(one_case(std::string(kMinimalRequest) + R"(, "expect": {"contract": false})"))
                .find("\"contract\" must be true"),
            std::string::npos);
}

// What fuzz-api sent to a path no code lists: the case names no code, is
// on no catalog endpoint, and its trigger expects no one code.
TEST(CaseLoader, AContractCaseMayNameNoCode) {
  auto library = parse(R"({"cases": [{"id": "c1", "request": {"method": "GET", "path": "/nowhere"},
                                     "expect": {"contract": true}}]})");
  ASSERT_TRUE(library.ok()) << library.status().message();
  const Case& c = library->cases[0];
  EXPECT_EQ(c.code, "");
  EXPECT_EQ(c.endpoint, "");
  EXPECT_EQ(c.module(), "");
  EXPECT_TRUE(c.trigger.expect.contract);
  EXPECT_FALSE(c.trigger.expect.error_code.has_value());
}

TEST(CaseLoader, OnlyAContractCaseMayNameNoCode) {
  EXPECT_EQ(errors_of("{\"cases\": [\n{\"id\": \"c1\", " + std::string(kMinimalRequest) +
                      ",\n\"expect\": {\"contract\": false}}\n]}"),
            "t.cases.json:2: missing member \"code\" in case\n"
            "t.cases.json:3: \"contract\" must be true");
}

TEST(CaseLoader, RejectsDeepNesting) {
  std::string deep = one_case(std::string(kMinimalRequest) +
                              ", \"summary\": " + std::string(100, '[') + std::string(100, ']'));
  EXPECT_NE(errors_of(deep).find("invalid JSON: nested deeper than 64 levels"), std::string::npos);
}

TEST(CaseLoader, RejectsLoneSurrogateEscape) {
  EXPECT_EQ(errors_of(one_case(std::string(kMinimalRequest) + ",\n\"summary\": \"\\uDC00\"")),
            "t.cases.json:4: string holds a \\u escape that is not a valid character (lone "
            "surrogate)");
}

TEST(CaseLoader, RejectsARootThatIsNotACaseFile) {
  EXPECT_EQ(errors_of("[\n]"), "t.cases.json:1: a case file is an object {\"cases\": [ ... ]}");
  EXPECT_EQ(errors_of("{\"cases\": {}}"), "t.cases.json:1: \"cases\" must be an array of cases");
}

TEST(CaseLoader, RejectsUnknownMembersWithSuggestions) {
  EXPECT_EQ(errors_of("{\"cases\": [\n{\"id\": \"c1\", \"code\": \"21402\",\n"
                      "\"reqest\": {\"method\": \"GET\", \"path\": \"/x\"}}],\n\"extra\": 1}"),
            "t.cases.json:2: missing member \"request\" in case\n"
            "t.cases.json:3: unknown member \"reqest\" in case (did you mean \"request\"?)\n"
            "t.cases.json:4: unknown member \"extra\" in case file");
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"GET\", \"path\": \"/x\",\n"
                               "\"header\": {}},\n\"expect\": {\"statsu\": 400}")),
            "t.cases.json:4: unknown member \"header\" in request (did you mean \"headers\"?)\n"
            "t.cases.json:5: unknown member \"statsu\" in expect (did you mean \"status\"?)");
}

TEST(CaseLoader, RejectsWrongMemberTypes) {
  EXPECT_EQ(errors_of("{\"cases\": [\n{\"id\": 7, \"code\": 21402,\n\"summary\": [],\n"
                      "\"tags\": \"x\",\n\"setup\": {},\n\"request\": []}\n]}"),
            "t.cases.json:2: \"id\" in case must be a string\n"
            "t.cases.json:2: \"code\" in case must be a string\n"
            "t.cases.json:3: \"summary\" in case must be a string\n"
            "t.cases.json:4: \"tags\" must be an array of strings\n"
            "t.cases.json:5: \"setup\" must be an array of steps\n"
            "t.cases.json:6: request must be an object");
}

TEST(CaseLoader, RejectsNonStringMapValues) {
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"GET\", \"path\": \"/x\",\n"
                               "\"query\": {\"limit\": 10},\n\"headers\": {\"X-A\": true},\n"
                               "\"form\": {\"a\": null}}")),
            "t.cases.json:4: query \"limit\" must be a string (quote numbers and booleans)\n"
            "t.cases.json:5: headers \"X-A\" must be a string (quote numbers and booleans)\n"
            "t.cases.json:6: form \"a\" must be a string (quote numbers and booleans)");
}

TEST(CaseLoader, RejectsMissingRequiredMembers) {
  EXPECT_EQ(errors_of("{\"cases\": [\n{\"summary\": \"s\",\n\"request\": {}}\n]}"),
            "t.cases.json:2: missing member \"id\" in case\n"
            "t.cases.json:2: missing member \"code\" in case\n"
            "t.cases.json:3: missing member \"method\" in request\n"
            "t.cases.json:3: missing member \"path\" in request");
}

TEST(CaseLoader, RejectsUnknownMethod) {
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"get\", \"path\": \"/x\"}")),
            "t.cases.json:3: unknown method \"get\" (one of GET, HEAD, POST, PUT, PATCH, DELETE, "
            "OPTIONS)");
}

TEST(CaseLoader, RejectsPathWithoutLeadingSlash) {
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"GET\", \"path\": \"operators/\"}")),
            "t.cases.json:3: path \"operators/\" must start with \"/\"");
}

TEST(CaseLoader, RejectsPathWithQueryString) {
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"GET\", \"path\": \"/x?a=1\"}")),
            "t.cases.json:3: path \"/x?a=1\" holds a query string; put parameters in \"query\"");
}

TEST(CaseLoader, RejectsATriggerOffItsCodesEndpoints) {
  EXPECT_EQ(
      errors_of(one_case(R"("request": {"method": "POST", "path": "/operators/"})")),
      "t.cases.json:3: the trigger POST /operators/ is not an endpoint of 21402 (its "
      "endpoints: PUT /operators/, DELETE /operators/, GET /x, PUT /x); move the case or add the "
      "endpoint to the catalog with its evidence");
  EXPECT_NE(errors_of(one_case(R"("request": {"method": "PUT", "path": "/operators/x/"})"))
                .find("the trigger PUT /operators/x/ is not an endpoint of 21402"),
            std::string::npos);
}

TEST(CaseLoader, AcceptsATriggerWithOrWithoutTheTrailingSlash) {
  for (const char* path : {"/operators", "/operators/", "/x/", "/x"}) {
    const std::string method = std::string(path).rfind("/x", 0) == 0 ? "GET" : "PUT";
    auto library =
        parse(one_case(R"("request": {"method": ")" + method + R"(", "path": ")" + path + R"("})"));
    EXPECT_TRUE(library.ok()) << path << ": " << library.status().message();
  }
}

TEST(CaseLoader, LetsAVariableInTheTriggerPathStandForAnyText) {
  EXPECT_TRUE(parse(one_case(R"("request": {"method": "PUT", "path": "/oper${run}/"})")).ok());
  EXPECT_TRUE(
      parse(one_case(R"("request": {"method": "PUT", "path": "/operators/${uniq}"})")).ok());
  EXPECT_NE(errors_of(one_case(R"("request": {"method": "PUT", "path": "/b/${id}"})"))
                .find("the trigger PUT /b/${id} is not an endpoint of 21402"),
            std::string::npos);
}

TEST(CaseLoader, ChecksOnlyTheTriggerAgainstTheEndpoints) {
  // Setup and teardown steps build and remove state anywhere.
  auto library = parse(one_case(
      R"("setup": [{"request": {"method": "POST", "path": "/elsewhere/"}}],
         "request": {"method": "PUT", "path": "/operators/"})"));
  EXPECT_TRUE(library.ok()) << library.status().message();
}

TEST(CaseLoader, RejectsUnknownCode) {
  EXPECT_EQ(errors_of(one_case(kMinimalRequest, "21299")), "t.cases.json:2: unknown code 21299");
}

TEST(CaseLoader, RejectsCodeThatIsNotFiveDigits) {
  EXPECT_EQ(errors_of(one_case(kMinimalRequest, "2140")),
            "t.cases.json:2: \"2140\" is not five digits");
}

TEST(CaseLoader, RejectsUnknownExpectedErrorCode) {
  EXPECT_EQ(errors_of(one_case(std::string(kMinimalRequest) +
                               ",\n\"teardown\": [{\"request\": {\"method\": \"GET\", \"path\": "
                               "\"/x\"},\n \"expect\": {\"error_code\": \"21299\"}}]")),
            "t.cases.json:5: expect.error_code: unknown code 21299");
}

TEST(CaseLoader, RejectsExpectedErrorCodeThatDiffersFromTheCaseCode) {
  EXPECT_EQ(errors_of(one_case(std::string(kMinimalRequest) +
                               ",\n\"expect\": {\"error_code\": \"21403\"}")),
            "t.cases.json:4: expect.error_code 21403 differs from the case's code 21402");
}

TEST(CaseLoader, RejectsBadStatus) {
  EXPECT_EQ(errors_of(one_case(std::string(kMinimalRequest) +
                               ",\n\"expect\": {\"status\": [200,\n 99, \"404\"]}")),
            "t.cases.json:5: status 99 is not an HTTP status (100-599)\n"
            "t.cases.json:5: \"status\" must be an integer or a non-empty array of integers");
  EXPECT_EQ(errors_of(one_case(std::string(kMinimalRequest) + ",\n\"expect\": {\"status\": []}")),
            "t.cases.json:4: \"status\" must be an integer or a non-empty array of integers");
}

TEST(CaseLoader, RejectsMoreThanOneBody) {
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"PUT\", \"path\": \"/x\",\n"
                               "\"form\": {}, \"raw\": \"a\"}")),
            "t.cases.json:3: a request has at most one body: \"form\", \"json\" or \"raw\"");
}

TEST(CaseLoader, RejectsContentTypeWithoutRawBody) {
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"PUT\", \"path\": \"/x\",\n"
                               "\"json\": {}, \"content_type\": \"text/plain\"}")),
            "t.cases.json:4: \"content_type\" applies only to a \"raw\" body");
}

TEST(CaseLoader, RejectsBadCaseIdTagAndFixtureNames) {
  EXPECT_EQ(errors_of("{\"cases\": [\n{\"id\": \"Bad Id\", \"code\": \"21402\",\n"
                      "\"tags\": [\"ok\", \"9lives\"],\n\"fixtures\": [\"Token\"],\n" +
                      std::string(kMinimalRequest) + "}]}"),
            "t.cases.json:2: case id \"Bad Id\" must be lower-case letters, digits, '-', '_' or "
            "'.', starting with a letter\n"
            "t.cases.json:3: \"9lives\" in \"tags\" must be lower-case letters, digits, '-', '_' "
            "or '.', starting with a letter\n"
            "t.cases.json:4: \"Token\" in \"fixtures\" must be lower-case letters, digits or '_', "
            "starting with a letter");
}

TEST(CaseLoader, RejectsDuplicateMember) {
  EXPECT_EQ(
      errors_of("{\"cases\": [\n{\"id\": \"c1\", \"code\": \"21402\",\n\"code\": \"21403\",\n" +
                std::string(kMinimalRequest) + "}]}"),
      "t.cases.json:3: duplicate member \"code\"");
}

TEST(CaseLoader, RejectsDuplicateCaseIdNamingBothPlaces) {
  std::string c = "{\"id\": \"same\", \"code\": \"21402\", " + std::string(kMinimalRequest) + "}";
  EXPECT_EQ(errors_of("{\"cases\": [\n" + c + ",\n" + c + "\n]}"),
            "t.cases.json:3: duplicate case id \"same\" (first at t.cases.json:2)");
}

// Ids are compared by hash; every repeat still names the first of its own
// id, and the errors come in file order whatever the hashes' order.
TEST(CaseLoader, EveryRepeatOfAnIdNamesItsFirstInFileOrder) {
  auto with_id = [](const std::string& id) {
    return "{\"id\": \"" + id + "\", \"code\": \"21402\", " + std::string(kMinimalRequest) + "}";
  };
  EXPECT_EQ(
      errors_of("{\"cases\": [\n" + with_id("zeta") + ",\n" + with_id("alpha") + ",\n" +
                with_id("zeta") + ",\n" + with_id("alpha") + ",\n" + with_id("zeta") + "\n]}"),
      "t.cases.json:4: duplicate case id \"zeta\" (first at t.cases.json:2)\n"
      "t.cases.json:5: duplicate case id \"alpha\" (first at t.cases.json:3)\n"
      "t.cases.json:6: duplicate case id \"zeta\" (first at t.cases.json:2)");
}

TEST(CaseLoader, RejectsUnknownVariable) {
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"GET\", \"path\": \"/x/${nope}\",\n"
                               "\"query\": {\"a\": \"${other:x}\"}}")),
            "t.cases.json:3: unknown variable ${nope}\n"
            "t.cases.json:4: unknown variable ${other:x}");
}

TEST(CaseLoader, ChecksVariablesInNamesToo) {
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"GET\", \"path\": \"/x\",\n"
                               "\"headers\": {\"X-${who}\": \"v\"},\n"
                               "\"json\": {\"${what}\": 1}}")),
            "t.cases.json:4: unknown variable ${who}\n"
            "t.cases.json:5: unknown variable ${what}");
}

TEST(CaseLoader, RejectsCaptureUsedBeforeItIsCaptured) {
  EXPECT_EQ(errors_of(one_case(
                "\"setup\": [{\"request\": {\"method\": \"GET\", \"path\": \"/a/${id}\"}}],\n"
                "\"request\": {\"method\": \"GET\", \"path\": \"/x/${id}\"},\n"
                "\"capture\": {\"id\": \"/id\"}")),
            "t.cases.json:3: capture \"id\" used before it is captured\n"
            "t.cases.json:4: capture \"id\" used before it is captured");
}

TEST(CaseLoader, AcceptsCaptureFromAnEarlierStepWhateverTheMemberOrder) {
  // Teardown written before setup still runs after it.
  auto library = parse(
      one_case("\"teardown\": [{\"request\": {\"method\": \"DELETE\", \"path\": \"/a/${id}\"}}],\n"
               "\"request\": {\"method\": \"GET\", \"path\": \"/x/${id}\"},\n"
               "\"setup\": [{\"request\": {\"method\": \"PUT\", \"path\": \"/a\"}, \"capture\": "
               "{\"id\": \"/data/id\"}}]"));
  ASSERT_TRUE(library.ok()) << library.status().message();
}

TEST(CaseLoader, RejectsUnterminatedVariable) {
  EXPECT_EQ(
      errors_of(one_case("\"request\": {\"method\": \"GET\", \"path\": \"/x/${run\"}")),
      "t.cases.json:3: in \"/x/${run\": unterminated ${ at byte 3 (write $$ for a literal $)");
}

TEST(CaseLoader, KeepsEachProblemOnOneLine) {
  // Found by fuzz_case_file: a quoted raw body with a newline split one
  // problem over several lines, so a line no longer began with file:line.
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"PUT\", \"path\": \"/x\",\n"
                               "\"raw\": \"a\\r\\n\\tb\\u0001${run\"}")),
            "t.cases.json:4: in \"a\\r\\n\\tb\\x01${run\": unterminated ${ at byte 6 (write $$ "
            "for a literal $)");
}

TEST(CaseLoader, RejectsJsonBodyNumberBeyondDoubleRange) {
  // Found by fuzz_case_file: 10e308 parses to infinity, RapidJSON's writer
  // refuses it and the kept body text was cut short ("[1,").
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"PUT\", \"path\": \"/x\",\n"
                               "\"json\": [1, 10e308]}")),
            "t.cases.json:4: the json body holds a number too large for a double; send it in a "
            "\"raw\" body");
}

TEST(CaseLoader, RejectsBadEnvironmentAndFixtureReferences) {
  EXPECT_EQ(errors_of(one_case("\"request\": {\"method\": \"GET\", \"path\": \"/${env:}\",\n"
                               "\"raw\": \"${fixture:Bad}\", \"auth\": \"Admin\"}")),
            "t.cases.json:3: ${env:}: \"\" is not an environment variable name\n"
            "t.cases.json:4: ${fixture:Bad}: fixture name \"Bad\" must be lower-case letters, "
            "digits or '_', starting with a letter\n"
            "t.cases.json:4: auth fixture name \"Admin\" must be lower-case letters, digits or "
            "'_', starting with a letter");
}

TEST(CaseLoader, AddsUsedFixturesToTheList) {
  auto library = parse(one_case(
      "\"request\": {\"method\": \"GET\", \"path\": \"/${fixture:bucket}\", \"auth\": \"token\"}"));
  ASSERT_TRUE(library.ok()) << library.status().message();
  EXPECT_EQ(library->cases[0].fixtures, (std::vector<std::string>{"bucket", "token"}));
}

TEST(CaseLoader, RejectsBadCaptures) {
  EXPECT_EQ(errors_of(one_case(std::string(kMinimalRequest) +
                               ",\n\"capture\": {\"a\": \"data/id\",\n\"b\": \"/x~2\",\n"
                               "\"1c\": \"/x\",\n\"run\": \"/x\",\n\"d\": 5}")),
            "t.cases.json:4: capture \"a\": \"data/id\" is not a JSON Pointer (it must start "
            "with \"/\")\n"
            "t.cases.json:5: capture \"b\": \"/x~2\" is not a JSON Pointer (\"~\" must be "
            "followed by 0 or 1)\n"
            "t.cases.json:6: capture name \"1c\" must be a letter or _ followed by letters, "
            "digits or _\n"
            "t.cases.json:7: capture name \"run\" is reserved\n"
            "t.cases.json:8: capture \"d\" must be a JSON Pointer string");
}

TEST(CaseLoader, ReportsEveryProblemOfEveryCase) {
  std::string json =
      "{\"cases\": [\n"
      "{\"id\": \"a\", \"code\": \"21299\", " +
      std::string(kMinimalRequest) +
      "},\n"
      "{\"id\": \"b\", \"code\": \"21402\", \"reqest\": {}},\n"
      "{\"id\": \"c\", \"code\": \"21402\", \"request\": {\"method\": \"GET\", "
      "\"path\": \"/${x}\"}}\n]}";
  EXPECT_EQ(errors_of(json),
            "t.cases.json:2: unknown code 21299\n"
            "t.cases.json:3: missing member \"request\" in case\n"
            "t.cases.json:3: unknown member \"reqest\" in case (did you mean \"request\"?)\n"
            "t.cases.json:4: unknown variable ${x}");
}

class CaseDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("case_loader_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  static std::string file_with(const std::string& id) {
    return "{\"cases\": [\n{\"id\": \"" + id + "\", \"code\": \"21402\", " +
           std::string(kMinimalRequest) + "}\n]}";
  }
  std::string dir() const { return dir_.string(); }
  std::filesystem::path dir_;
};

TEST_F(CaseDirectory, LoadsCaseFilesSortedByName) {
  write("b.cases.json", file_with("second"));
  write("a.cases.json", file_with("first"));
  write("notes.json", "not json and not a case file");
  std::filesystem::create_directories(dir_ / "schema");
  auto library = CaseLibrary::load_dir(dir(), test_catalog());
  ASSERT_TRUE(library.ok()) << library.status().message();
  ASSERT_EQ(library->cases.size(), 2u);
  EXPECT_EQ(library->cases[0].id, "first");
  EXPECT_EQ(library->cases[0].file, (dir_ / "a.cases.json").string());
  EXPECT_EQ(library->cases[1].id, "second");
}

TEST_F(CaseDirectory, RejectsDuplicateIdsAcrossFiles) {
  write("a.cases.json", file_with("same"));
  write("b.cases.json", file_with("same"));
  auto library = CaseLibrary::load_dir(dir(), test_catalog());
  ASSERT_FALSE(library.ok());
  std::string a = (dir_ / "a.cases.json").string();
  std::string b = (dir_ / "b.cases.json").string();
  EXPECT_EQ(library.status().message(),
            b + ":2: duplicate case id \"same\" (first at " + a + ":2)");
}

TEST_F(CaseDirectory, ReportsTheProblemsOfEveryFile) {
  write("a.cases.json", "{\"cases\": [\n}");
  write("b.cases.json", file_with("ok").replace(file_with("ok").find("21402"), 5, "21299"));
  auto library = CaseLibrary::load_dir(dir(), test_catalog());
  ASSERT_FALSE(library.ok());
  std::string a = (dir_ / "a.cases.json").string();
  std::string b = (dir_ / "b.cases.json").string();
  EXPECT_EQ(library.status().message(),
            a + ":2:1: invalid JSON: Invalid value.\n" + b + ":2: unknown code 21299");
}

TEST_F(CaseDirectory, RejectsAnEmptyDirectory) {
  auto library = CaseLibrary::load_dir(dir(), test_catalog());
  ASSERT_FALSE(library.ok());
  EXPECT_EQ(library.status().message(), "no case files (*.cases.json) in " + dir());
}

TEST_F(CaseDirectory, RejectsADirectoryWithoutCaseFiles) {
  write("catalog.json", "{}");
  write("readme.cases.txt", "");
  auto library = CaseLibrary::load_dir(dir(), test_catalog());
  ASSERT_FALSE(library.ok());
  EXPECT_EQ(library.status().message(), "no case files (*.cases.json) in " + dir());
}

TEST_F(CaseDirectory, RejectsAMissingDirectory) {
  auto library = CaseLibrary::load_dir(dir() + "/missing", test_catalog());
  ASSERT_FALSE(library.ok());
  EXPECT_EQ(library.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(library.status().message(), dir() + "/missing: not a directory");
}

}  // namespace
}  // namespace errcontract
