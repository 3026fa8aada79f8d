// What the machine charges for the system calls every command needs, so that csibot's CPU per
// command can be read against a floor (docs/PERFORMANCE.md, "Fifteenth session"). In a VM a kernel
// entry can cost ten times what it does on bare metal, and no code in csibot can change that.
//
//   kernel_floor/syscall          one trivial system call (getppid)
//   kernel_floor/loopback/<bytes> one send of <bytes> over loopback TCP and the recv that takes it,
//                                 both on this thread: the sender also pays the receiver's TCP work
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <stdexcept>
#include <vector>

namespace {

void syscall_cost(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(syscall(SYS_getppid));
}
BENCHMARK(syscall_cost)->Name("kernel_floor/syscall");

// A connected pair of loopback TCP sockets; closed when it goes.
class loopback_pair {
 public:
  loopback_pair() {
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    const auto* any = reinterpret_cast<sockaddr*>(&addr);
    if (listener < 0 || bind(listener, any, len) != 0 || listen(listener, 1) != 0 ||
        getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      throw std::runtime_error("cannot listen on loopback");
    client_ = socket(AF_INET, SOCK_STREAM, 0);
    if (client_ < 0 || connect(client_, any, len) != 0) throw std::runtime_error("cannot connect");
    server_ = accept(listener, nullptr, nullptr);
    close(listener);
    if (server_ < 0) throw std::runtime_error("cannot accept");
    const int one = 1;  // as csibot's sockets: no Nagle delay between small writes
    setsockopt(client_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~loopback_pair() {
    close(client_);
    close(server_);
  }
  loopback_pair(const loopback_pair&) = delete;
  loopback_pair& operator=(const loopback_pair&) = delete;
  int client() const { return client_; }
  int server() const { return server_; }

 private:
  int client_ = -1;
  int server_ = -1;
};

void loopback_send_recv(benchmark::State& state) {
  loopback_pair pair;
  const auto bytes = static_cast<std::size_t>(state.range(0));
  std::vector<char> out(bytes, 'x');
  std::array<char, 65536> in{};
  for (auto _ : state) {
    if (send(pair.client(), out.data(), out.size(), 0) != static_cast<ssize_t>(out.size())) {
      state.SkipWithError("send failed");
      break;
    }
    std::size_t got = 0;
    while (got < bytes) {
      const auto n = recv(pair.server(), in.data(), in.size(), 0);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    benchmark::DoNotOptimize(in.data());
  }
}
BENCHMARK(loopback_send_recv)->Name("kernel_floor/loopback")->Arg(64)->Arg(300)->Arg(1500);

}  // namespace

BENCHMARK_MAIN();
