// The reference server against cases/catalog.json, loaded through the
// harness's public catalog API: every code the server can answer with (each
// five-digit string literal in devserver/src, which is how every ErrorCode is
// written, and each route's parameter-error code) is catalogued, and every
// endpoint the catalog names for a code has a route. The scanner and the
// endpoint matcher are tested on small fixtures first, so a failure of the
// real checks means the server, not the test.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/catalog.h"
#include "server/routes.h"

namespace errcontract::internal {
namespace {

struct CodeUse {
  std::string code;
  std::string where;  // "handlers/bucket.cc:42"
};

bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool is_code(std::string_view text) {
  if (text.size() != 5) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Every string literal of `source` that is exactly five digits, outside
// comments, raw strings and character literals.
std::vector<CodeUse> code_literals(std::string_view source, std::string_view file) {
  std::vector<CodeUse> uses;
  int line = 1;
  std::size_t i = 0;
  const auto advance_to = [&](std::size_t end) {
    for (; i < end && i < source.size(); ++i) line += source[i] == '\n' ? 1 : 0;
  };
  while (i < source.size()) {
    const std::string_view rest = source.substr(i);
    if (rest.starts_with("//")) {
      advance_to(source.find('\n', i));
    } else if (rest.starts_with("/*")) {
      const std::size_t end = source.find("*/", i + 2);
      advance_to(end == std::string_view::npos ? source.size() : end + 2);
    } else if (rest.starts_with("R\"") && (i == 0 || !is_identifier_char(source[i - 1]))) {
      const std::size_t open = source.find('(', i);
      const std::string close = ")" + std::string(source.substr(i + 2, open - i - 2)) + "\"";
      const std::size_t end = source.find(close, open);
      advance_to(end == std::string_view::npos ? source.size() : end + close.size());
    } else if (source[i] == '\'' &&
               (i == 0 || !std::isdigit(static_cast<unsigned char>(source[i - 1])))) {  // not 1'000
      std::size_t end = i + 1;
      while (end < source.size() && source[end] != '\'') end += source[end] == '\\' ? 2 : 1;
      advance_to(end + 1);
    } else if (source[i] == '"') {
      std::size_t end = i + 1;
      while (end < source.size() && source[end] != '"') end += source[end] == '\\' ? 2 : 1;
      const std::string_view text = source.substr(i + 1, end - i - 1);
      if (is_code(text))
        uses.push_back({std::string(text), std::string(file) + ":" + std::to_string(line)});
      advance_to(end + 1);
    } else {
      advance_to(i + 1);
    }
  }
  return uses;
}

std::vector<CodeUse> uncatalogued(const Catalog& catalog, const std::vector<CodeUse>& uses) {
  std::vector<CodeUse> unknown;
  for (const CodeUse& use : uses) {
    if (catalog.find(use.code) == nullptr) unknown.push_back(use);
  }
  return unknown;
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    if (slash != 0) out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// Whether a route takes `method` on `path`, where a "${...}" segment of the
// catalog's path stands for any one segment.
bool has_route(std::string_view method, std::string_view path) {
  const std::vector<std::string_view> wanted = segments(path);
  for (const Route& route : all_routes()) {
    if (route.method != method) continue;
    const std::vector<std::string_view> have = segments(route.path);
    if (have.size() != wanted.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < have.size() && same; ++k) {
      same = wanted[k] == have[k] || (wanted[k].starts_with("${") && wanted[k].ends_with("}"));
    }
    if (same) return true;
  }
  return false;
}

std::vector<std::string> endpoints_without_route(const std::vector<CodeEndpoint>& endpoints) {
  std::vector<std::string> missing;
  for (const CodeEndpoint& endpoint : endpoints) {
    if (!has_route(endpoint.method, endpoint.path)) missing.push_back(endpoint.text());
  }
  return missing;
}

const Catalog& shipped_catalog() {
  static const Catalog catalog = [] {
    Result<Catalog> loaded =
        Catalog::load_file(std::string(ERRC_SOURCE_DIR) + "/cases/catalog.json");
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return loaded.ok() ? std::move(loaded).value() : Catalog();
  }();
  return catalog;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// clang-format off
const std::string kFixture = R"cc(// "21499" in a comment is no code
/* nor "21498"
   here */
Reply a() { return Reply::error("21402"); }  // "21497"
const char* body = R"({"code":"21496"})";
char quote = '"'; std::int64_t big = 1'000;
Reply b() { return Reply::error("29998", "21402 and more"); }
const char* six = "214021";
)cc";
// clang-format on

TEST(ServerCodeScan, FindsFiveDigitLiteralsOutsideCommentsAndRawStrings) {
  const std::vector<CodeUse> uses = code_literals(kFixture, "fixture.cc");
  ASSERT_EQ(uses.size(), 2u);
  EXPECT_EQ(uses[0].code, "21402");
  EXPECT_EQ(uses[0].where, "fixture.cc:4");
  EXPECT_EQ(uses[1].code, "29998");
  EXPECT_EQ(uses[1].where, "fixture.cc:7");
}

TEST(ServerCodeScan, ReportsACodeTheCatalogDoesNotHold) {
  const std::vector<CodeUse> unknown =
      uncatalogued(shipped_catalog(), code_literals(kFixture, "fixture.cc"));
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].code, "29998");
  EXPECT_EQ(unknown[0].where, "fixture.cc:7");
}

TEST(ServerCodes, EveryCodeLiteralInTheSourcesIsCatalogued) {
  const std::filesystem::path root = std::string(ERRC_SOURCE_DIR) + "/devserver/src";
  std::size_t files = 0;
  std::vector<CodeUse> uses;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const std::filesystem::path& path = entry.path();
    if (path.extension() != ".cc" && path.extension() != ".h") continue;
    const std::string relative = path.lexically_relative(root).generic_string();
    // Faults break the contract on purpose: their made-up codes are no answer.
    if (relative == "server/fault.cc") continue;
    ++files;
    for (CodeUse& use : code_literals(read_file(path), relative)) uses.push_back(std::move(use));
  }
  EXPECT_GT(files, 40u);
  EXPECT_GT(uses.size(), 200u) << "the scan should see every Reply::error code";
  for (const CodeUse& use : uncatalogued(shipped_catalog(), uses)) {
    ADD_FAILURE() << use.where << ": code " << use.code << " is not in cases/catalog.json";
  }
}

TEST(ServerCodes, EveryRouteParameterErrorIsCatalogued) {
  for (const Route& route : all_routes()) {
    EXPECT_NE(shipped_catalog().find(route.param_error.view()), nullptr)
        << route.method << " " << route.path << ": " << route.param_error.view();
  }
}

TEST(RouteCoverage, MatchesPlaceholdersAndReportsAMissingRoute) {
  const std::vector<CodeEndpoint> fixture = {
      {"PUT", "/operators/", EndpointSource::kTable, ""},
      {"GET", "/buckets/${bucket}/", EndpointSource::kInferred, ""},  // /buckets/info/
      {"DELETE", "/operators/${name}/", EndpointSource::kInferred, ""},
      {"PATCH", "/operators/", EndpointSource::kInferred, ""},
      {"GET", "/nowhere/", EndpointSource::kInferred, ""},
  };
  EXPECT_EQ(endpoints_without_route(fixture),
            (std::vector<std::string>{"DELETE /operators/${name}/", "PATCH /operators/",
                                      "GET /nowhere/"}));
}

TEST(RouteCoverage, EveryCatalogEndpointHasARoute) {
  std::size_t endpoints = 0;
  for (const CodeEntry& entry : shipped_catalog().entries()) {
    endpoints += entry.endpoints.size();
    for (const std::string& missing : endpoints_without_route(entry.endpoints)) {
      ADD_FAILURE() << entry.code << ": no route for " << missing;
    }
  }
  EXPECT_GT(endpoints, 100u);
}

}  // namespace
}  // namespace errcontract::internal
