// The embedded default: each message as an .eml file, written atomically and fsynced.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "smp/server/mailer.hpp"

namespace smp::server {
namespace {

std::string safe_file_part(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
    out.push_back(keep ? c : '_');
  }
  return out;
}

bool write_all(int fd, const std::string& data) {
  size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    written += static_cast<size_t>(n);
  }
  return true;
}

class FileMailer final : public Mailer {
 public:
  explicit FileMailer(std::string directory) : directory_(std::move(directory)) {}

  SendResult send(const OutgoingMessage& message) override {
    std::error_code ec;
    std::filesystem::create_directories(directory_, ec);
    const std::string name = safe_file_part(message.lead_id) + "-" + safe_file_part(message.kind);
    const std::string final_path = directory_ + "/" + name + ".eml";
    const std::string temp_path = directory_ + "/." + name + ".tmp";
    const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) return {false, "cannot create " + temp_path + ": " + std::strerror(errno)};
    const bool ok = write_all(fd, message.mime) && ::fsync(fd) == 0;
    const int saved = errno;
    ::close(fd);
    if (!ok) {
      ::unlink(temp_path.c_str());
      return {false, "cannot write " + temp_path + ": " + std::strerror(saved)};
    }
    if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
      return {false, "cannot rename to " + final_path + ": " + std::strerror(errno)};
    }
    // The rename itself must survive a crash before the outbox says "sent".
    const int dir_fd = ::open(directory_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
      ::fsync(dir_fd);
      ::close(dir_fd);
    }
    return {true, ""};
  }

  std::string describe() const override { return "files in " + directory_; }

 private:
  std::string directory_;
};

}  // namespace

std::unique_ptr<Mailer> make_file_mailer(const std::string& directory) {
  return std::make_unique<FileMailer>(directory);
}

}  // namespace smp::server
