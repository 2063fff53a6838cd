// What a violation's reproducer carries so that a replay finds the state
// the request was sent in: the steps of the case whose baseline it came from,
// or, for a request that acted on a resource the run made (undo_ledger.h),
// the requests that made that resource and those it stands on, and their
// undos. Also how its requests refer to values a replay obtains again:
// fixtures, what a setup captured, the case's ${uniq}, a made resource's
// names.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "errcontract/api_fuzzer.h"
#include "errcontract/case.h"
#include "errcontract/template.h"
#include "fuzzapi/concrete_request.h"
#include "fuzzapi/undo_ledger.h"

namespace errcontract::internal {

// A case's baseline as the fuzzer ran it.
struct FuzzBaseline {
  const Case* c = nullptr;
  VariableScope scope;  // its ${uniq} and what its setup captured
  bool ready = false;   // every setup step did what it expects
};

// `r` (concrete) with fixture values written back as ${fixture:NAME}, longest
// first, and other credentials hidden, so that it carries no secret. With
// `baseline` (the scope of a baseline whose steps the reproducer carries),
// what its setup captured is written ${NAME} and its ${uniq} as such, after
// the fixtures.
RequestSpec with_fixture_references(RequestSpec r, const Fixtures& fixtures,
                                    const VariableScope* baseline = nullptr);

class ReproducerSteps {
 public:
  // All by reference: the fuzzer's own, growing while it runs.
  ReproducerSteps(const Fixtures& fixtures, const UndoLedger& ledger,
                  const std::vector<FuzzBaseline>& baselines,
                  const std::map<std::string, std::size_t>& baseline_of_case)
      : fixtures_(fixtures),
        ledger_(ledger),
        baselines_(baselines),
        baseline_of_case_(baseline_of_case) {}

  // Sets `v`'s setup, teardown, acts_on and request (`request`, concrete,
  // as the reproducer writes it): the steps of the made resource `resource`
  // (a ledger index, -1 none) when a chain of steps can make it, else those
  // of the baseline of case `v.case_id` unless the request was a baseline's
  // own step (`own_step`). Returns the resource the steps make, or -1.
  std::ptrdiff_t attach(FuzzViolation& v, const RequestSpec& request, std::ptrdiff_t resource,
                        bool own_step) const;

  // Another request (a minimised one) as the reproducer of `v` writes it,
  // `resource` being what attach returned.
  RequestSpec request(RequestSpec request, const FuzzViolation& v, std::ptrdiff_t resource) const;

  // The baseline of case `id` when it has setup or teardown steps for a
  // reproducer to carry.
  const FuzzBaseline* baseline_with_steps(const std::string& id) const;

 private:
  // What a reproducer acting on a made resource carries: the resources it
  // stands on that the run made too (a thumbnail on a bucket a mutation
  // made), the case whose state they were made in (the one that made them,
  // or the one whose ${uniq} their values hold), and how its requests refer
  // to them.
  struct MadeChain {
    std::vector<std::size_t> entries;  // ledger indices, in the order made
    const FuzzBaseline* base = nullptr;
    References references;
  };
  // None when the resources belong to the states of two cases.
  std::optional<MadeChain> made_chain(std::size_t resource) const;
  // `r` (concrete) with the made resources' references (`made`, may be
  // null), then the fixtures' and those of case `base` (may be null).
  RequestSpec refer(RequestSpec r, const References* made, const FuzzBaseline* base) const;
  // The baseline with steps whose ${uniq} `value` holds: it names something
  // that case's setup made.
  const FuzzBaseline* baseline_holding(const std::string& value) const;
  // Whether `value` (concrete) names what was there before the run made
  // anything: a fixture's, or what the setup of case `base` made.
  bool existed_before(const std::string& value, const FuzzBaseline* base) const;

  const Fixtures& fixtures_;
  const UndoLedger& ledger_;
  const std::vector<FuzzBaseline>& baselines_;
  const std::map<std::string, std::size_t>& baseline_of_case_;
};

}  // namespace errcontract::internal
