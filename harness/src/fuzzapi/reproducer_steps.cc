#include "fuzzapi/reproducer_steps.h"

#include <algorithm>
#include <set>
#include <utility>

#include "errcontract/http.h"
#include "fuzzapi/request_mutator.h"
#include "result/redact.h"

namespace errcontract::internal {

RequestSpec with_fixture_references(RequestSpec r, const Fixtures& fixtures,
                                    const VariableScope* baseline) {
  References values;
  for (const auto& [name, value] : fixtures) {
    if (value.size() >= 4) values.emplace_back(escape_dollars(value), "${fixture:" + name + "}");
  }
  auto by_length = [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); };
  std::sort(values.begin(), values.end(), by_length);
  const std::size_t fixture_count = values.size();
  if (baseline != nullptr) {
    for (const auto& [name, value] : baseline->captures) {
      if (value.size() >= 4) values.emplace_back(escape_dollars(value), "${" + name + "}");
    }
    if (baseline->uniq.size() >= 4) values.emplace_back(baseline->uniq, "${uniq}");
    std::sort(values.begin() + static_cast<std::ptrdiff_t>(fixture_count), values.end(), by_length);
  }
  write_references(r, values);
  // A credential header that holds no reference (a token a baseline's setup
  // captured, with no setup to capture it again) is hidden, as reports hide
  // it: the reproducer shows the request's shape, not a usable secret.
  for (auto& [name, value] : r.headers) {
    if (is_secret_header_name(name) && value.find("${") == std::string::npos) {
      value = std::string(kRedacted);
    }
  }
  return r;
}

std::ptrdiff_t ReproducerSteps::attach(FuzzViolation& v, const RequestSpec& request,
                                       std::ptrdiff_t resource, bool own_step) const {
  std::optional<MadeChain> chain;
  if (resource >= 0) chain = made_chain(static_cast<std::size_t>(resource));
  const FuzzBaseline* base = nullptr;
  if (chain) {
    // The resource it acts on, and those it stands on that the run made
    // too: made by the setup, deleted by the teardown, within the state of
    // the case they were made in (its own steps around them).
    base = chain->base;
    v.acts_on = ledger_.entries()[static_cast<std::size_t>(resource)].endpoint->text();
    if (base != nullptr) v.setup = base->c->setup;
    for (const std::size_t i : chain->entries) {
      const UndoEntry& made = ledger_.entries()[i];
      v.setup.push_back(made.made);
      v.setup.back().request = refer(made.made.request, &chain->references, base);
      v.setup.back().capture = making_captures(made);
      v.teardown.insert(v.teardown.begin(), made.step);
      v.teardown.front().request = refer(made.step.request, &chain->references, base);
    }
    if (base != nullptr)
      v.teardown.insert(v.teardown.end(), base->c->teardown.begin(), base->c->teardown.end());
  } else if ((base = own_step ? nullptr : baseline_with_steps(v.case_id)) != nullptr) {
    v.setup = base->c->setup;
    v.teardown = base->c->teardown;
  }
  v.request = refer(request, chain ? &chain->references : nullptr, base);
  return chain ? resource : -1;
}

RequestSpec ReproducerSteps::request(RequestSpec request, const FuzzViolation& v,
                                     std::ptrdiff_t resource) const {
  if (resource >= 0) {
    const std::optional<MadeChain> chain = made_chain(static_cast<std::size_t>(resource));
    if (chain) return refer(std::move(request), &chain->references, chain->base);
  }
  const bool steps = !v.setup.empty() || !v.teardown.empty();
  return refer(std::move(request), nullptr, steps ? baseline_with_steps(v.case_id) : nullptr);
}

RequestSpec ReproducerSteps::refer(RequestSpec r, const References* made,
                                   const FuzzBaseline* base) const {
  if (made != nullptr) write_references(r, *made);
  return with_fixture_references(std::move(r), fixtures_, base != nullptr ? &base->scope : nullptr);
}

const FuzzBaseline* ReproducerSteps::baseline_with_steps(const std::string& id) const {
  auto it = baseline_of_case_.find(id);
  if (it == baseline_of_case_.end()) return nullptr;
  const FuzzBaseline& b = baselines_[it->second];
  return b.c->setup.empty() && b.c->teardown.empty() ? nullptr : &b;
}

std::optional<ReproducerSteps::MadeChain> ReproducerSteps::made_chain(std::size_t resource) const {
  const auto& entries = ledger_.entries();
  MadeChain chain;
  std::set<const FuzzBaseline*> bases;
  std::vector<std::size_t> pending = {resource};
  while (!pending.empty()) {
    const std::size_t i = pending.back();
    pending.pop_back();
    if (std::find(chain.entries.begin(), chain.entries.end(), i) != chain.entries.end()) continue;
    chain.entries.push_back(i);
    const std::vector<std::string> sent = sent_identity(entries[i]);
    if (const FuzzBaseline* own = baseline_with_steps(entries[i].case_id)) bases.insert(own);
    for (const std::string& value : sent) {
      if (const FuzzBaseline* b = baseline_holding(value)) bases.insert(b);
    }
    // A parent: an earlier resource known by some of these values only.
    for (std::size_t j = 0; j < i; ++j) {
      const std::vector<std::string> theirs = sent_identity(entries[j]);
      if (!theirs.empty() && theirs.size() < sent.size() &&
          std::all_of(theirs.begin(), theirs.end(), [&](const std::string& value) {
            return std::find(sent.begin(), sent.end(), value) != sent.end();
          })) {
        pending.push_back(j);
      }
    }
  }
  if (bases.size() > 1) return std::nullopt;
  chain.base = bases.empty() ? nullptr : *bases.begin();
  std::sort(chain.entries.begin(), chain.entries.end());
  auto already_there = [this, &chain](const std::string& value) {
    return existed_before(value, chain.base);
  };
  for (const std::size_t i : chain.entries) {
    for (auto& reference : resource_references(entries[i], already_there)) {
      if (std::none_of(chain.references.begin(), chain.references.end(),
                       [&](const auto& r) { return r.first == reference.first; })) {
        chain.references.push_back(std::move(reference));
      }
    }
  }
  std::sort(chain.references.begin(), chain.references.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return chain;
}

const FuzzBaseline* ReproducerSteps::baseline_holding(const std::string& value) const {
  for (const FuzzBaseline& b : baselines_) {
    if (b.scope.uniq.size() >= 4 && value.find(b.scope.uniq) != std::string::npos &&
        (!b.c->setup.empty() || !b.c->teardown.empty())) {
      return &b;
    }
  }
  return nullptr;
}

bool ReproducerSteps::existed_before(const std::string& value, const FuzzBaseline* base) const {
  if (base != nullptr) {
    if (base->scope.uniq.size() >= 4 && value.find(base->scope.uniq) != std::string::npos) {
      return true;
    }
    for (const auto& [name, captured] : base->scope.captures) {
      if (captured.size() >= 4 && value == escape_dollars(captured)) return true;
    }
  }
  for (const auto& [name, fixture] : fixtures_) {
    if (fixture.size() >= 4 && value.find(escape_dollars(fixture)) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace errcontract::internal
