#include "config_file.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "errcontract/did_you_mean.h"

namespace errcontract::cli {
namespace {

constexpr const char* kDefaultConfig = "errcontract.json";

Status bad_config(std::string message) {
  return Status(StatusCode::kInvalidInput, std::move(message));
}

struct ConfigRequest {
  std::size_t subcommand = 0;  // index in args of the subcommand's name; 0 = none
  std::string path;            // --config, "" = the default when it exists
  std::string profile;         // --profile
};

// The value of `--name V` or `--name=V` after the subcommand, if given.
std::optional<std::string> option_value(const std::vector<std::string>& args, std::size_t from,
                                        const std::string& name) {
  for (std::size_t i = from; i < args.size(); ++i) {
    if (args[i] == "--") break;
    if (args[i] == name && i + 1 < args.size()) return args[i + 1];
    if (args[i].rfind(name + "=", 0) == 0) return args[i].substr(name.size() + 1);
  }
  return std::nullopt;
}

// "3:14" for a byte offset of `text`.
std::string line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return fmt::format("{}:{}", line, column);
}

// `text` with every ${env:NAME} replaced by the variable's value.
Result<std::string> expand_env(const std::string& text, const std::string& where) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t start = text.find("${env:", at);
    if (start == std::string::npos) break;
    const std::size_t end = text.find('}', start);
    if (end == std::string::npos) {
      return bad_config(fmt::format("{}: \"${{env:\" without its closing }}", where));
    }
    const std::string name = text.substr(start + 6, end - start - 6);
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') {
      return bad_config(fmt::format("{}: ${{env:{}}}: the environment variable {} is {}", where,
                                    name, name, value == nullptr ? "not set" : "empty"));
    }
    out += text.substr(at, start - at);
    out += value;
    at = end + 1;
  }
  return out + text.substr(at);
}

// The command-line words of one key's value: a string or number once, true
// as a flag, false not at all, an array once per element.
Result<std::vector<std::string>> words_of(const std::string& key, const rapidjson::Value& value,
                                          const std::string& where) {
  std::vector<std::string> out;
  auto scalar = [&](const rapidjson::Value& v) -> Status {
    if (v.IsString()) {
      auto expanded = expand_env(std::string(v.GetString(), v.GetStringLength()), where);
      if (!expanded.ok()) return expanded.status();
      out.push_back("--" + key);
      out.push_back(*expanded);
    } else if (v.IsNumber()) {
      out.push_back("--" + key);
      out.push_back(v.IsInt64() ? std::to_string(v.GetInt64()) : fmt::format("{}", v.GetDouble()));
    } else if (v.IsBool()) {
      if (v.GetBool()) out.push_back("--" + key);
    } else {
      return bad_config(fmt::format(
          "{}: a value is a string, a number, true or false, or an array of them", where));
    }
    return Status();
  };
  if (value.IsArray()) {
    for (const auto& element : value.GetArray()) {
      if (Status s = scalar(element); !s.ok()) return s;
    }
  } else if (Status s = scalar(value); !s.ok()) {
    return s;
  }
  return out;
}

// Every long option name (without "--") of the subcommands that take --config.
std::set<std::string> config_keys(const CLI::App& app) {
  std::set<std::string> keys;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_option_no_throw("--config") == nullptr) continue;
    for (const CLI::Option* option : sub->get_options()) {
      for (const std::string& name : option->get_lnames()) {
        if (name != "config" && name != "profile" && name != "help") keys.insert(name);
      }
    }
  }
  return keys;
}

// Whether the command line (after the subcommand) gives `option` itself.
bool given_on_command_line(const CLI::Option& option,
                           const std::vector<std::string>& command_line) {
  for (const std::string& word : command_line) {
    if (word == "--") break;
    for (const std::string& name : option.get_lnames()) {
      if (word == "--" + name || word.rfind("--" + name + "=", 0) == 0) return true;
    }
    for (const std::string& name : option.get_snames()) {
      if (word == "-" + name) return true;
    }
  }
  return false;
}

Result<std::vector<std::string>> config_words(const CLI::App& app, const CLI::App& sub,
                                              const std::string& path, const std::string& profile,
                                              const std::vector<std::string>& command_line) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return bad_config(fmt::format("--config {}: cannot read the file", path));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
  if (doc.HasParseError()) {
    return bad_config(fmt::format("{}:{}: not JSON: {}", path,
                                  line_and_column(text, doc.GetErrorOffset()),
                                  rapidjson::GetParseError_En(doc.GetParseError())));
  }
  if (!doc.IsObject()) {
    return bad_config(fmt::format("{}: the file holds a JSON object", path));
  }
  const std::set<std::string> keys = config_keys(app);
  std::vector<std::string_view> names(keys.begin(), keys.end());
  names.push_back("profiles");
  // Top level first, then the profile's keys replacing them.
  std::map<std::string, const rapidjson::Value*> chosen;
  std::map<std::string, std::string> origin;
  auto take = [&](const rapidjson::Value& object, const std::string& scope) -> Status {
    for (const auto& member : object.GetObject()) {
      const std::string key(member.name.GetString(), member.name.GetStringLength());
      if (key == "profiles" && scope.empty()) continue;
      if (keys.count(key) == 0) {
        return bad_config(fmt::format(
            "{}: unknown option \"{}\"{}{}; keys are option names without \"--\"", path, key,
            scope.empty() ? "" : " in profile \"" + scope + "\"", did_you_mean(key, names)));
      }
      chosen[key] = &member.value;
      origin[key] = scope.empty() ? fmt::format("{}: \"{}\"", path, key)
                                  : fmt::format("{}: profile \"{}\": \"{}\"", path, scope, key);
    }
    return Status();
  };
  if (Status s = take(doc, ""); !s.ok()) return s;
  if (!profile.empty()) {
    const auto profiles = doc.FindMember("profiles");
    const rapidjson::Value* found = nullptr;
    std::vector<std::string> listed;
    if (profiles != doc.MemberEnd() && profiles->value.IsObject()) {
      for (const auto& p : profiles->value.GetObject()) {
        listed.emplace_back(p.name.GetString(), p.name.GetStringLength());
        if (listed.back() == profile) found = &p.value;
      }
    }
    if (found == nullptr) {
      return bad_config(fmt::format("--profile {}: {} has no such profile ({})", profile, path,
                                    listed.empty() ? std::string("it has none")
                                                   : fmt::format("{}", fmt::join(listed, ", "))));
    }
    if (!found->IsObject()) {
      return bad_config(fmt::format("{}: profile \"{}\" is not a JSON object", path, profile));
    }
    if (Status s = take(*found, profile); !s.ok()) return s;
  }
  std::vector<std::string> words;
  for (const auto& [key, value] : chosen) {
    const CLI::Option* option = sub.get_option_no_throw("--" + key);
    if (option == nullptr) continue;  // another subcommand's
    // A single-valued option or flag on the command line replaces the file's;
    // a repeatable one adds to it.
    const bool repeatable = option->get_expected_max() > 1 ||
                            option->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
    if (!repeatable && given_on_command_line(*option, command_line)) continue;
    auto these = words_of(key, *value, origin[key]);
    if (!these.ok()) return these.status();
    words.insert(words.end(), these->begin(), these->end());
  }
  return words;
}

}  // namespace

void add_config_options(CLI::App* cmd) {
  cmd->add_option("--config",
                  "JSON file of option values (default: ./errcontract.json when it "
                  "exists); flags given here win (docs/config.md)");
  cmd->add_option("--profile", "use the named profile of the --config file over its top level");
}

Result<std::vector<std::string>> with_config_arguments(const CLI::App& app,
                                                       std::vector<std::string> args) {
  const CLI::App* sub = nullptr;
  std::size_t at = 0;
  for (std::size_t i = 1; i < args.size() && sub == nullptr; ++i) {
    if (args[i] == "--") break;
    for (const CLI::App* candidate : app.get_subcommands({})) {
      if (candidate->get_name() == args[i]) {
        sub = candidate;
        at = i;
      }
    }
  }
  if (sub == nullptr || sub->get_option_no_throw("--config") == nullptr) return args;
  const std::optional<std::string> given = option_value(args, at + 1, "--config");
  const std::optional<std::string> profile = option_value(args, at + 1, "--profile");
  std::string path = given.value_or("");
  if (path.empty()) {
    if (!std::filesystem::exists(kDefaultConfig)) {
      if (profile) {
        return bad_config(fmt::format("--profile {}: there is no --config file (and no ./{})",
                                      *profile, kDefaultConfig));
      }
      return args;
    }
    path = kDefaultConfig;
  }
  const std::vector<std::string> command_line(args.begin() + static_cast<std::ptrdiff_t>(at) + 1,
                                              args.end());
  auto words = config_words(app, *sub, path, profile.value_or(""), command_line);
  if (!words.ok()) return words.status();
  args.insert(args.begin() + static_cast<std::ptrdiff_t>(at) + 1, words->begin(), words->end());
  return args;
}

}  // namespace errcontract::cli
