import Dispatch
import NIOConcurrencyHelpers
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The executor of the sandbox's state: a lock rather than a thread. Awaited calls run as jobs on
/// a serial dispatch queue, under the lock; the sandbox's server, on whichever NIO event loop a
/// connection lives, takes the same lock and answers a platform call right there (`run`), with
/// no hop to another thread and back. Either way one caller at a time is inside the state, which
/// is all the actor's isolation promises.
final class SandboxExecutor: SerialExecutor, @unchecked Sendable {
  /// A plain pthread mutex: under contention from the two event loops it waits without the
  /// priority-inheritance futex that `Mutex` uses on Linux.
  private let lock = NIOLock()
  /// The thread inside the lock, 0 when none: what `checkIsolated` compares with.
  private let owner = Atomic<UInt>(0)
  private let queue = DispatchQueue(label: "reach.sandbox.state")

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.async { self.run { job.runSynchronously(on: self.asUnownedSerialExecutor()) } }
  }

  /// Runs `body` as the only caller inside the state; `SandboxState.assumeIsolated` holds in it.
  func run<T>(_ body: () throws -> T) rethrows -> T {
    try lock.withLock {
      owner.store(Self.currentThread, ordering: .relaxed)
      defer { owner.store(0, ordering: .relaxed) }
      return try body()
    }
  }

  func checkIsolated() {
    precondition(
      owner.load(ordering: .relaxed) == Self.currentThread, "the sandbox's state used outside its executor")
  }

  private static var currentThread: UInt {
    #if canImport(Darwin)
      UInt(bitPattern: pthread_self())
    #else
      UInt(pthread_self())
    #endif
  }
}
