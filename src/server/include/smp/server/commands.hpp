#pragma once
// Entry points of the native lead relay, called by the `smp-consult` command line.
#include <string>
#include <vector>

namespace smp::server {

/// `smp-consult serve [--config C] [--listen HOST:PORT] [--data DIR] [--site DIR] [--widget DIR]`.
/// `args` exclude the program and subcommand names; returns 0 ok, 1 invalid input, 2 usage.
int serve_command(const std::vector<std::string>& args);

/// `smp-consult leads list [--quarantined]|export|release ID|retry ID [--data DIR]`: captured
/// leads, their delivery state, releasing a quarantined one, resending a dead letter; and
/// `leads export|erase --lead ID|--email ADDR`: a visitor's data as JSON, or erased.
int leads_command(const std::vector<std::string>& args);

/// `smp-consult leads backup --to FILE [--data DIR]` | `leads restore --from FILE [--data DIR]
/// [--force]` (src/server/backup.cpp); `args` start with "backup" or "restore".
int leads_backup_command(const std::vector<std::string>& args);
/// `smp-consult webhooks test --config C`: a signed sample lead to each configured webhook;
/// 0 when every one answered 2xx, 1 otherwise.
int webhooks_command(const std::vector<std::string>& args);

}  // namespace smp::server
