// The fixture values of one run, shared by its workers. Values can change
// while the run goes on: a fixture whose declaration says how to obtain it
// is obtained at run start when it is absent, and obtained again, once, when
// the target rejects it (an expired or revoked token). The target's
// rejection of a fixture is diagnosed once for the whole run, however many
// workers see it; cases that need a fixture rejected for good become errors.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "errcontract/fixture_declarations.h"
#include "errcontract/http.h"
#include "errcontract/result.h"
#include "errcontract/template.h"
#include "result/redact.h"

namespace errcontract::internal {

using SendFunction = std::function<Result<HttpResponse>(const HttpRequest&)>;

// What a case works with: the values, a redactor that hides each of them
// (and every value the run has replaced), and the generation they are of.
struct FixtureSnapshot {
  std::shared_ptr<const Fixtures> values;
  std::shared_ptr<const Redactor> redactor;
  std::uint64_t generation = 0;
};

// The target's answer that rejected a fixture sent as a credential.
struct Rejection {
  std::string fixture;
  int status = 0;
  std::string code;  // the body's error_code, "" when none
};

// 401, or error_code 11001 (invalid token) / 11002 (expired token), where
// the request expected something else: the credential was not accepted.
bool is_credential_rejection(int status, const std::string& code);

class FixtureStore {
 public:
  // `declared` may be null (nothing can be obtained). `secrets` are redacted
  // too (secret --header values).
  FixtureStore(Fixtures initial, std::shared_ptr<const FixtureDeclarations> declared,
               std::vector<std::string> secrets, std::string run_id);

  FixtureSnapshot current() const;

  // Obtains each fixture of `needed` that is absent, declares how to obtain
  // it, and has every input provided. Each outcome becomes a note.
  void obtain_missing(const std::vector<std::string>& needed, const SendFunction& send);

  enum class Answer { kRetry, kRejected };
  // A worker using the snapshot of `generation` saw `rejection`. kRetry: the
  // value has changed since (another worker obtained it again, or this call
  // did): run again with current(). kRejected: it is rejected for good; the
  // diagnosis is dead_reason(). Only one worker obtains a value again; the
  // others wait here and reuse it.
  Answer rejected(const Rejection& rejection, std::uint64_t generation, const SendFunction& send);

  // The first of `names` the target rejected for good, or nullopt.
  std::optional<std::string> dead_fixture(const std::vector<std::string>& names) const;
  // "fixture token was rejected by the target (401, 11001): expired or revoked?"
  std::string dead_reason(const std::string& fixture) const;
  // A case that needed `fixture` ended as an error because of it.
  void count_dependent_error(const std::string& fixture);

  // What happened to fixtures during the run, one line each, in order.
  std::vector<std::string> notes() const;

 private:
  struct Entry {
    std::uint64_t changed_at = 0;  // the generation its value last changed in
    bool obtained_again = false;   // the one renewal after a rejection was used
    bool dead = false;
    std::string answer;    // "401, 11001": what rejected it first
    std::string why_dead;  // the diagnosis
    int retried_cases = 0;
    int dependent_errors = 0;
  };
  struct Note {
    std::string fixture;
    std::string text;  // without the counts, which are added at the end
  };

  // The value the declaration's request obtains, or why not.
  Result<std::string> obtain(const FixtureDeclaration& declaration, const Fixtures& values,
                             const SendFunction& send) const;
  const FixtureDeclaration* obtainable(const std::string& name, const Fixtures& values) const;
  // Publishes `values` as a new generation (mu_ held).
  void publish(Fixtures values);

  const std::shared_ptr<const FixtureDeclarations> declared_;
  const std::vector<std::string> secrets_;
  const std::string run_id_;

  std::mutex renew_mu_;  // held while a value is obtained: one worker renews, others wait
  mutable std::mutex mu_;
  FixtureSnapshot snapshot_;
  std::vector<std::string> replaced_;  // old values, still redacted
  std::map<std::string, Entry> entries_;
  std::vector<Note> notes_;
};

}  // namespace errcontract::internal
