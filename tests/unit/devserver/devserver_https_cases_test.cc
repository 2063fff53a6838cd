// The PEM texts inlined in cases/https.cases.json are exact copies of the
// files in cases/certs/ (cases/certs/README.md says how they were made), and
// every shipped file is used by some case, so the two never drift apart.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cert_files.h"
#include "errcontract/case.h"

namespace errcontract::testing {
namespace {

namespace fs = std::filesystem;

// (where, value) pairs: a case id and step line, and a string sent in a body.
using Values = std::vector<std::pair<std::string, std::string>>;

const std::string kCertDir = std::string(ERRC_SOURCE_DIR) + "/cases/certs";

// File name -> text, for every certificate or key in cases/certs/.
std::map<std::string, std::string> shipped_pems() {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::directory_iterator(kCertDir)) {
    const std::string name = entry.path().filename().string();
    const std::string ext = entry.path().extension().string();
    if (ext == ".crt" || ext == ".key") out[name] = cert_file(name);
  }
  return out;
}

bool looks_like_pem(const std::string& value) {
  return value.find("-----BEGIN") != std::string::npos;
}

void collect_json_strings(const rapidjson::Value& v, std::vector<std::string>& out) {
  if (v.IsString()) {
    out.emplace_back(v.GetString(), v.GetStringLength());
  } else if (v.IsObject()) {
    for (const auto& m : v.GetObject()) collect_json_strings(m.value, out);
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) collect_json_strings(e, out);
  }
}

// Every body value of every step of every case, with where it was.
Values body_values(const CaseLibrary& lib) {
  Values out;
  for (const Case& c : lib.cases) {
    std::vector<const Step*> steps;
    for (const Step& s : c.setup) steps.push_back(&s);
    steps.push_back(&c.trigger);
    for (const Step& s : c.teardown) steps.push_back(&s);
    for (const Step* step : steps) {
      const std::string where = c.id + " line " + std::to_string(step->line);
      for (const auto& [name, value] : step->request.form) out.emplace_back(where, value);
      if (step->request.body_kind == BodyKind::kJson) {
        rapidjson::Document doc;
        doc.Parse(step->request.json.c_str());
        EXPECT_FALSE(doc.HasParseError()) << where;
        std::vector<std::string> strings;
        collect_json_strings(doc, strings);
        for (std::string& s : strings) out.emplace_back(where, std::move(s));
      }
      out.emplace_back(where, step->request.raw);
    }
  }
  return out;
}

CaseLibrary https_cases() {
  std::ifstream in(std::string(ERRC_SOURCE_DIR) + "/cases/https.cases.json");
  std::ostringstream text;
  text << in.rdbuf();
  auto lib = CaseLibrary::parse(text.str(), "cases/https.cases.json", Catalog::builtin());
  EXPECT_TRUE(lib.ok()) << lib.status().message();
  return lib.ok() ? std::move(lib).value() : CaseLibrary{};
}

// Where a PEM-looking value equals no shipped file byte for byte; `used`
// collects the files that were matched.
std::vector<std::string> pems_without_file(const Values& values,
                                           const std::map<std::string, std::string>& files,
                                           std::set<std::string>& used) {
  std::vector<std::string> out;
  for (const auto& [where, value] : values) {
    if (!looks_like_pem(value)) continue;
    bool found = false;
    for (const auto& [name, text] : files) {
      if (text != value) continue;
      used.insert(name);
      found = true;
    }
    if (!found) out.push_back(where);
  }
  return out;
}

TEST(HttpsCaseCerts, InlineCopiesEqualShippedFiles) {
  const auto files = shipped_pems();
  ASSERT_EQ(files.size(), 9u);
  std::set<std::string> used;
  EXPECT_EQ(pems_without_file(body_values(https_cases()), files, used), std::vector<std::string>{});
  for (const auto& [name, text] : files) {
    EXPECT_EQ(used.count(name), 1u) << "cases/certs/" << name << " is used by no case";
  }
}

TEST(HttpsCaseCerts, ACopyDifferingInOneByteIsReported) {
  const auto files = shipped_pems();
  std::string copy = files.at("site.crt");
  copy[40] = copy[40] == 'A' ? 'B' : 'A';
  std::set<std::string> used;
  const Values values = {{"exact", files.at("dup.crt")}, {"changed", copy}, {"plain", "x"}};
  EXPECT_EQ(pems_without_file(values, files, used), std::vector<std::string>{"changed"});
  EXPECT_EQ(used, std::set<std::string>{"dup.crt"});
}

TEST(HttpsCaseCerts, EveryCodeOfModule217HasACase) {
  std::set<std::string> covered;
  for (const Case& c : https_cases().cases) covered.insert(c.code);
  for (int detail = 1; detail <= 12; ++detail) {
    const std::string code = "217" + std::string(detail < 10 ? "0" : "") + std::to_string(detail);
    EXPECT_EQ(covered.count(code), 1u) << "no case for " << code;
  }
}

}  // namespace
}  // namespace errcontract::testing
