import Foundation
import ReachCatalogue
import Testing

/// Masking by value: every form a registered secret takes is masked, nothing else is touched.
@Suite struct SecretMaskerTests {
  /// A distinctive value made for one test: letters and digits, never a real credential.
  static func canary(_ prefix: String = "cnry") -> String {
    prefix + "-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
  }

  /// A card number with a valid Luhn check digit, different on every call.
  static func card() -> String {
    Luhn.complete("4" + String((0..<14).map { _ in "0123456789".randomElement()! }))
  }

  @Test func masksTheRawValueWhereverItAppears() {
    let secret = Self.canary()
    let masker = SecretMasker([secret])
    #expect(masker.mask("before \(secret) after \(secret)") == "before *** after ***")
    #expect(masker.mask("\(secret)") == "***")
    #expect(masker.mask("nothing here") == "nothing here")
  }

  @Test func masksTheBase64FormsWithAndWithoutTheClientAPIPrefix() {
    let jwt = "eyJ" + Self.canary("jwt")
    let masker = SecretMasker([jwt])
    let plain = Base64.encode(Array(jwt.utf8))
    let header = Base64.encode(Array("clientapi|\(jwt)".utf8))
    #expect(masker.mask("Authorization: Basic \(header)") == "Authorization: Basic ***")
    #expect(masker.mask("token=\(plain)") == "token=***")
    // URL-safe and unpadded, as a JWT segment would be.
    let urlSafe = plain.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
    #expect(masker.mask(urlSafe) == "***")
    // Inside a longer Base64 text, at each of the three alignments.
    for prefix in ["", "a", "ab"] {
      let embedded = Base64.encode(Array("\(prefix)\(jwt)-and-more".utf8))
      let masked = masker.mask("x \(embedded) y")
      #expect(masked.contains("***"), "alignment \(prefix.count): \(masked)")
      let core = String(embedded.dropFirst(4).prefix(12))
      #expect(!masked.contains(core), "alignment \(prefix.count): \(masked)")
    }
  }

  @Test func masksTheURLEncodedAndJSONEscapedForms() {
    let secret = "p@ss w/rd&\"q\\" + Self.canary()
    let masker = SecretMasker([secret])
    let url = PercentEncoding.encode(secret)
    #expect(url != secret)
    #expect(masker.mask("https://x.example/?pin=\(url)") == "https://x.example/?pin=***")
    let form = url.replacingOccurrences(of: "%20", with: "+")
    #expect(masker.mask("pin=\(form)&x=1") == "pin=***&x=1")
    let json = JSONValue.object(["note": .string("said \(secret)")]).jsonText()
    #expect(json.contains("\\\""))
    #expect(masker.mask(json) == #"{"note":"said ***"}"#)
    let slashes = json.replacingOccurrences(of: "/", with: "\\/")
    #expect(masker.mask(slashes) == #"{"note":"said ***"}"#)
    let html = secret.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
    #expect(masker.mask("<td>\(html)</td>") == "<td>***</td>")
  }

  @Test func showsACardNumberAsItsLastFourDigitsAndNoMore() {
    let card = Self.card()
    #expect(SecretMasker.isCardNumber(card))
    let masker = SecretMasker([card])
    let masked = masker.mask("paid with \(card).")
    #expect(masked == "paid with ***\(card.suffix(4)).")
    #expect(!masked.contains(String(card.prefix(12))))
    // Encoded forms show nothing of it.
    #expect(masker.mask(Base64.encode(Array(card.utf8))) == "***")
    // Digits that fail the Luhn check are no card: nothing of them shows.
    let notACard = String(card.dropLast()) + String((Int(String(card.last!))! + 1) % 10)
    masker.register(notACard)
    #expect(masker.mask(notACard) == "***")
  }

  @Test func masksTheLongestOfOverlappingSecretsWhole() {
    let short = Self.canary()
    let long = short + "-extended"
    let masker = SecretMasker([short, long])
    #expect(masker.mask("a \(long) b") == "a *** b")
    #expect(masker.mask("a \(short) b") == "a *** b")
    // A secret that starts inside another is masked from where it starts.
    let tail = String(long.suffix(12))
    masker.register(tail)
    #expect(masker.mask("[\(long)]") == "[***]")
  }

  @Test func ignoresValuesTooShortToMaskSafely() {
    let masker = SecretMasker()
    // Under four characters, or under six digits: left to field masking.
    #expect(!masker.register("abc"))
    #expect(!masker.register("0000"))
    #expect(!masker.register("12345"))
    #expect(masker.isEmpty)
    #expect(masker.mask("CUST000001 abc 12345") == "CUST000001 abc 12345")
    #expect(masker.register("abcd"))
    #expect(masker.register("123456"))
    #expect(masker.mask("abc abcd 12345 123456") == "abc *** 12345 ***")
  }

  @Test func masksStringsAndSecretNumbersInJSON() {
    let secret = Self.canary()
    let masker = SecretMasker([secret, "98765432"])
    let value: JSONValue = ["a": .string("x\(secret)"), "b": [.int(98_765_432), .int(7)], "c": true]
    #expect(masker.mask(value) == ["a": "x***", "b": ["***", 7], "c": true])
    masker.register(["pin": .int(24_681_357), "list": .array([.string("deep-\(secret)")])])
    #expect(masker.mask("24681357") == "***")
    #expect(masker.isSecret("deep-\(secret)"))
  }

  @Test func isSafeToUseFromManyTasksAtOnce() async {
    let masker = SecretMasker()
    let secrets = (0..<64).map { _ in Self.canary() }
    await withTaskGroup(of: Void.self) { group in
      for secret in secrets {
        group.addTask {
          masker.register(secret)
          _ = masker.mask("noise \(secret) noise")
        }
      }
    }
    for secret in secrets { #expect(masker.mask(secret) == "***") }
  }

  @Test func namesLikeASensitiveFieldAreSensitive() {
    for name in ["password", "correctedPin", "retryCardNumber", "oldCarrierAccountNumber", "otp", "newApiKey"] {
      #expect(SensitiveFields.isSensitiveLike(name), "\(name)")
    }
    for name in ["numberToPort", "pinned", "spinner", "imei", "keyName", "customerId"] {
      #expect(!SensitiveFields.isSensitiveLike(name), "\(name)")
    }
  }
}
