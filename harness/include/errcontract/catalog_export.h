// Exports of the catalog for other tools: JSON ({"codes": [...]}, the same
// members as cases/catalog.json) and a Markdown table per module.
#pragma once

#include <string>

#include "errcontract/catalog.h"

namespace errcontract {

std::string export_catalog_json(const Catalog& catalog);
std::string export_catalog_markdown(const Catalog& catalog);
// The human-readable block printed by `errcontract catalog show CODE`.
std::string describe_code(const CodeEntry& entry);

}  // namespace errcontract
