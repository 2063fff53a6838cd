#include "exec/fixture_store.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <utility>

#include "exec/case_executor.h"
#include "exec/request_builder.h"

namespace errcontract::internal {

bool is_credential_rejection(int status, const std::string& code) {
  return status == 401 || code == "11001" || code == "11002";
}

namespace {

// "401, 11001", or "401" for an answer without an error_code.
std::string answer_text(int status, const std::string& code) {
  return code.empty() ? std::to_string(status) : fmt::format("{}, {}", status, code);
}

}  // namespace

FixtureStore::FixtureStore(Fixtures initial, std::shared_ptr<const FixtureDeclarations> declared,
                           std::vector<std::string> secrets, std::string run_id)
    : declared_(std::move(declared)), secrets_(std::move(secrets)), run_id_(std::move(run_id)) {
  publish(std::move(initial));
}

FixtureSnapshot FixtureStore::current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return snapshot_;
}

void FixtureStore::publish(Fixtures values) {
  std::vector<std::string> hidden = secrets_;
  hidden.insert(hidden.end(), replaced_.begin(), replaced_.end());
  snapshot_.redactor = std::make_shared<const Redactor>(values, hidden);
  snapshot_.values = std::make_shared<const Fixtures>(std::move(values));
  ++snapshot_.generation;
}

const FixtureDeclaration* FixtureStore::obtainable(const std::string& name,
                                                   const Fixtures& values) const {
  const FixtureDeclaration* d = declared_ == nullptr ? nullptr : declared_->find(name);
  if (d == nullptr || !d->obtain) return nullptr;
  for (const std::string& input : d->obtain->inputs) {
    auto it = values.find(input);
    if (it == values.end() || it->second.empty()) return nullptr;
  }
  return d;
}

Result<std::string> FixtureStore::obtain(const FixtureDeclaration& declaration,
                                         const Fixtures& values, const SendFunction& send) const {
  VariableScope scope;
  scope.run = run_id_;
  scope.uniq = unique_name(run_id_, kFixtureIndex);
  scope.fixtures = &values;
  Result<BuiltRequest> built = build_request(declaration.obtain->request, scope);
  if (!built.ok()) return built.status();
  const std::string line = built->http.method + " " + built->path;
  Result<HttpResponse> response = send(built->http);
  if (!response.ok()) {
    return Status(StatusCode::kIoError, fmt::format("{}: {}", line, response.status().message()));
  }
  if (response->status < 200 || response->status > 299) {
    const std::string code = capture_value(response->body, "/error_code").value_or("");
    return Status(StatusCode::kIoError,
                  fmt::format("{} answered {}", line, answer_text(response->status, code)));
  }
  std::optional<std::string> value = capture_value(response->body, declaration.obtain->capture);
  if (!value || value->empty()) {
    return Status(StatusCode::kIoError, fmt::format("{} answered {} without a value at {}", line,
                                                    response->status, declaration.obtain->capture));
  }
  return std::move(*value);
}

void FixtureStore::obtain_missing(const std::vector<std::string>& needed,
                                  const SendFunction& send) {
  std::lock_guard<std::mutex> renewing(renew_mu_);
  for (const std::string& name : needed) {
    const FixtureSnapshot now = current();
    auto present = now.values->find(name);
    if (present != now.values->end() && !present->second.empty()) continue;
    const FixtureDeclaration* d = obtainable(name, *now.values);
    if (d == nullptr) continue;
    Result<std::string> value = obtain(*d, *now.values, send);
    std::lock_guard<std::mutex> lock(mu_);
    if (!value.ok()) {
      notes_.push_back({name, fmt::format("fixture {} could not be obtained: {}", name,
                                          value.status().message())});
      continue;
    }
    Fixtures values = *snapshot_.values;
    values[name] = std::move(*value);
    publish(std::move(values));
    entries_[name].changed_at = snapshot_.generation;
    notes_.push_back({name, fmt::format("fixture {} was obtained from the target", name)});
  }
}

FixtureStore::Answer FixtureStore::rejected(const Rejection& rejection, std::uint64_t generation,
                                            const SendFunction& send) {
  const std::string& name = rejection.fixture;
  std::lock_guard<std::mutex> renewing(renew_mu_);
  Fixtures values;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Entry& entry = entries_[name];
    if (entry.changed_at > generation) {
      ++entry.retried_cases;
      return Answer::kRetry;  // already renewed since this worker's snapshot
    }
    if (entry.dead) return Answer::kRejected;
    if (entry.answer.empty()) entry.answer = answer_text(rejection.status, rejection.code);
    values = *snapshot_.values;
  }
  const FixtureDeclaration* d = obtainable(name, values);
  const bool may_renew = d != nullptr;
  bool already_renewed = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    already_renewed = entries_[name].obtained_again;
  }
  std::string why;
  if (may_renew && !already_renewed) {
    Result<std::string> value = obtain(*d, values, send);
    std::lock_guard<std::mutex> lock(mu_);
    Entry& entry = entries_[name];
    entry.obtained_again = true;
    if (value.ok()) {
      Fixtures renewed = *snapshot_.values;
      if (auto old = renewed.find(name); old != renewed.end()) replaced_.push_back(old->second);
      renewed[name] = std::move(*value);
      publish(std::move(renewed));
      entry.changed_at = snapshot_.generation;
      ++entry.retried_cases;
      notes_.push_back({name, fmt::format("fixture {} was obtained again after the target "
                                          "rejected it ({})",
                                          name, entry.answer)});
      return Answer::kRetry;
    }
    why = fmt::format(" Obtaining it again failed: {}.", value.status().message());
  } else if (already_renewed) {
    why = " It was obtained again once, and the new value was rejected too.";
  } else if (const FixtureDeclaration* declaration =
                 declared_ == nullptr ? nullptr : declared_->find(name);
             declaration != nullptr && declaration->obtain) {
    std::vector<std::string> missing;
    for (const std::string& input : declaration->obtain->inputs) {
      if (values.count(input) == 0 || values.at(input).empty()) missing.push_back(input);
    }
    why = fmt::format(" It cannot be obtained again without {} (see `errcontract fixtures`).",
                      fmt::join(missing, ", "));
  }
  std::lock_guard<std::mutex> lock(mu_);
  Entry& entry = entries_[name];
  entry.dead = true;
  entry.why_dead = fmt::format("fixture {} was rejected by the target ({}): expired or revoked?{}",
                               name, entry.answer, why);
  notes_.push_back({name, entry.why_dead});
  return Answer::kRejected;
}

std::optional<std::string> FixtureStore::dead_fixture(const std::vector<std::string>& names) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::string& name : names) {
    auto it = entries_.find(name);
    if (it != entries_.end() && it->second.dead) return name;
  }
  return std::nullopt;
}

std::string FixtureStore::dead_reason(const std::string& fixture) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(fixture);
  return it == entries_.end() ? std::string() : it->second.why_dead;
}

void FixtureStore::count_dependent_error(const std::string& fixture) {
  std::lock_guard<std::mutex> lock(mu_);
  ++entries_[fixture].dependent_errors;
}

std::vector<std::string> FixtureStore::notes() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out;
  for (const Note& note : notes_) {
    const Entry* entry = nullptr;
    if (auto it = entries_.find(note.fixture); it != entries_.end()) entry = &it->second;
    std::string text = note.text;
    if (entry != nullptr && entry->dead && text == entry->why_dead) {
      const int n = entry->dependent_errors;
      text += n == 1 ? std::string(" 1 case that needs it is an error.")
                     : fmt::format(" {} cases that need it are errors.", n);
    } else if (entry != nullptr && text.find("obtained again") != std::string::npos) {
      const int n = entry->retried_cases;
      text += fmt::format("; {} case{} rejected with the old value {} run again", n,
                          n == 1 ? "" : "s", n == 1 ? "was" : "were");
    }
    out.push_back(std::move(text));
  }
  return out;
}

}  // namespace errcontract::internal
