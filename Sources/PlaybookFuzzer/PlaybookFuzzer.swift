import Playbook
import ReachEndpoints

/// One input of the fuzzer: any bytes, read as a playbook file (parsed, then validated against the
/// catalogue, so expressions are type-checked too) and as one bare expression. Neither may crash,
/// hang or exhaust memory, whatever the bytes; libFuzzer reports any that does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  let text = String(decoding: bytes, as: UTF8.self)
  let validator = PlaybookValidator(registry: .standard, source: .inMemory(["fuzz.yaml": text]))
  _ = validator.validate(file: "fuzz.yaml")
  if let expression = try? Expression(text, at: SourceLocation(file: "fuzz", line: 1, column: 1)) {
    _ = expression.explain(in: ExpressionEnvironment(now: { "2026-01-01T00:00:00Z" }, uuid: { "u" }))
  }
  return 0
}
