#pragma once
// A typed Config written back as a `smp-consult/config@1` document with every key, and the names
// each choice key accepts: what the setup studio needs to show defaults and to leave out of a
// download the keys a clinic did not change (`smp-consult defaults`).
#include <nlohmann/json.hpp>

#include "smp/config.hpp"

namespace smp {

/// Every key of `config` in the shape parse_config reads (parse_config of it gives `config` back).
nlohmann::json config_document_json(const Config& config);
/// {pointer: [allowed names]} for the keys that take one of a list (policies, model, weekdays,
/// currencies, locales, ...).
nlohmann::json config_choices_json();

}  // namespace smp
