public import NIOCore

/// Runs a task's jobs on a NIO event loop. A bulk run's rows prefer the loops its transport's
/// connections live on: the request is written, and its answer resumes the row, on one thread.
public final class EventLoopTaskExecutor: TaskExecutor {
  let loop: any EventLoop

  public init(_ loop: any EventLoop) { self.loop = loop }

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    loop.execute { job.runSynchronously(on: executor) }
  }
}
