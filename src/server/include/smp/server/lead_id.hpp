#pragma once
// Lead ids: "L-" + 12 base32 characters (60 random bits), unguessable and easy to read aloud.
#include <string>

namespace smp::server {

/// A fresh random lead id, e.g. "L-7KQ2M4XH9TBA".
std::string new_lead_id();
/// True for the shape new_lead_id produces.
bool is_lead_id(const std::string& text);

}  // namespace smp::server
