// The fixtures a case library may use, declared in its fixtures.json: each
// name, what it is, whether its value is a secret, and, for some, how to
// obtain it from the target (a request whose response holds the value). A
// case naming a fixture that is not declared does not load.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/case.h"
#include "errcontract/result.h"

namespace errcontract {

// How to obtain a fixture: send `request` (its ${fixture:X} and auth name the
// inputs, which must be provided) and take the value at `capture` (a JSON
// Pointer) of the 2xx response.
struct FixtureObtain {
  RequestSpec request;
  std::string capture;
  std::vector<std::string> inputs;  // the fixtures the request uses, in first-use order
};

struct FixtureDeclaration {
  std::string name;
  std::string about;  // what it is, for `errcontract fixtures`
  bool secret = false;
  std::optional<FixtureObtain> obtain;
  std::size_t line = 0;
};

struct FixtureDeclarations {
  std::string file;                      // where they were read from, or were looked for
  bool missing = false;                  // `file` does not exist: nothing is declared
  std::vector<FixtureDeclaration> list;  // file order

  // {"fixtures": {"token": {"about": ..., "secret": true, "obtain": ...}}};
  // errors list every problem, one per line, "file:line: what".
  static Result<FixtureDeclarations> parse(std::string_view json, std::string_view source_name);
  static Result<FixtureDeclarations> load_file(const std::string& path);

  const FixtureDeclaration* find(std::string_view name) const;
  std::vector<std::string_view> names() const;
};

}  // namespace errcontract
