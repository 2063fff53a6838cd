// Exports of the catalog for other tools: JSON ({"codes": [...]}, the same
// members as cases/catalog.json), a Markdown table per module, and an OpenAPI
// 3.1 document of the API surface with the documented codes as responses.
#pragma once

#include <string>

#include "errcontract/api_surface.h"
#include "errcontract/catalog.h"

namespace errcontract {

std::string export_catalog_json(const Catalog& catalog);
std::string export_catalog_markdown(const Catalog& catalog);
// OpenAPI 3.1 (JSON): each endpoint of `surface` with its parameters, bearer
// auth where it takes a token, and per status the documented codes as
// examples of the error envelope.
std::string export_openapi(const Catalog& catalog, const ApiSurface& surface);
// The human-readable block printed by `errcontract catalog show CODE`.
std::string describe_code(const CodeEntry& entry);

}  // namespace errcontract
