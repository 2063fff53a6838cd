// errcontract check-envelope: is this body a valid error envelope for a
// catalogued code? Reads a file or stdin, with the same size cap as the runner.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "errcontract/envelope.h"

namespace errcontract::cli {
namespace {

struct Options {
  std::string input = "-";
  std::string expect_code;
  std::string request;
  bool lenient = false;
  std::size_t max_bytes = ParseOptions().max_bytes;
};

// Reads at most max_bytes + 1 bytes, so a huge input is rejected by the cap
// without being held in memory.
bool read_capped(std::istream& in, std::size_t max_bytes, std::string& out) {
  out.clear();
  char buffer[64 * 1024];
  while (in && out.size() <= max_bytes) {
    in.read(buffer, sizeof buffer);
    out.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (out.size() > max_bytes + 1) out.resize(max_bytes + 1);
  return !in.bad();
}

int run(const Options& opts, Context& ctx) {
  const Catalog* catalog = ctx.catalog();
  if (catalog == nullptr) return kExitUsage;

  Expectation expect;
  if (!opts.expect_code.empty()) expect.code = opts.expect_code;
  if (!opts.request.empty()) {
    auto space = opts.request.find(' ');
    if (space == std::string::npos || space == 0 || space + 1 >= opts.request.size()) {
      std::cerr << "errcontract: --request must be \"METHOD /path\", got \"" << opts.request
                << "\"\n";
      return kExitUsage;
    }
    expect.method = opts.request.substr(0, space);
    expect.path = opts.request.substr(space + 1);
  }

  std::string body;
  std::string name = opts.input == "-" ? "<stdin>" : opts.input;
  if (opts.input == "-") {
    if (!read_capped(std::cin, opts.max_bytes, body)) {
      std::cerr << "errcontract: cannot read standard input\n";
      return kExitUsage;
    }
  } else {
    std::ifstream in(opts.input, std::ios::binary);
    if (!in || !read_capped(in, opts.max_bytes, body)) {
      std::cerr << "errcontract: " << opts.input << ": cannot read\n";
      return kExitUsage;
    }
  }

  ParseOptions parse_options;
  parse_options.lenient = opts.lenient;
  parse_options.max_bytes = opts.max_bytes;
  EnvelopeParse parsed = parse_envelope(body, parse_options);
  std::vector<Finding> findings = parsed.findings;
  if (parsed.envelope) {
    auto more = check_envelope(*parsed.envelope, *catalog, expect);
    findings.insert(findings.end(), more.begin(), more.end());
  } else if (!has_errors(findings)) {
    findings.push_back(make_finding(FindingId::kEnvelopeMissingField, "no envelope found"));
  }

  for (const auto& f : findings) std::cout << name << ": " << describe(f) << "\n";
  if (has_errors(findings)) {
    std::cout << name << ": not a valid error envelope\n";
    return kExitFailure;
  }
  const auto& env = *parsed.envelope;
  std::cout << name << ": valid envelope: " << env.error_code << " \"" << env.message << "\" ("
            << env.request << ")\n";
  return kExitOk;
}

}  // namespace

void register_check_envelope(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "check-envelope",
      "Check that a response body is a valid error envelope for a catalogued code");
  cmd->add_option("file", opts->input, "body to check, or - for standard input")
      ->capture_default_str();
  cmd->add_option("--expect-code", opts->expect_code, "the code the body must carry");
  cmd->add_option("--request", opts->request,
                  "the request that was sent, \"METHOD /path\"; the body must echo it");
  cmd->add_flag("--lenient", opts->lenient, "accept a numeric error_code with a warning");
  cmd->add_option("--max-bytes", opts->max_bytes, "reject bodies larger than this")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([opts, &ctx] { ctx.exit_code = run(*opts, ctx); });
}

}  // namespace errcontract::cli
