/// Test values with a documented effect, like a payment provider's test cards. Every other valid
/// value takes the happy path.
public enum MagicValues {
  /// A ZIP code with no coverage: `network.coverage` answers `brandCoverage: false`, and
  /// `zip.validate` answers `isValid: false`.
  public static let noCoverageZip = "00000"

  /// An IMEI (Luhn-valid) that `device.imei` reports as not compatible (`isValid: false`).
  public static let incompatibleImei = "350000000000006"

  /// An ICCID (Luhn-valid) whose activation fails: `activation.status` ends at 8 with an
  /// `activationMsg`. `sim.validateIccid` still accepts it, as the real platform would.
  public static let failingIccid = "8901000000000000084"

  /// A port-in PIN (`password`) that the losing carrier rejects: the port ends at 10
  /// (PORTING_FAILED). Fix it with `portin.update` `type: UPDATE_PIN` and any other PIN.
  public static let failingPortInPin = "0000"

  /// A card number that declines on the hosted payment page: the purchase ends `FAILED` with a
  /// `paymentStatusDesc`. Any other card number pays.
  public static let decliningCard = "4000000000000002"

  /// A purchase ZIP whose payment always declines, whatever card is used on the hosted page.
  public static let decliningZip = "00002"

  /// An MDN that `portin.validateMdn` reports as not eligible for port-in (`isPortValidate: false`).
  public static let ineligiblePortInMdn = "5550000000"

  /// The one-time code that `simSwap.generateOtp` "sends": `simSwap.perform` accepts it until it
  /// expires (300 s) and rejects any other code with a 400 on `otp`.
  public static let simSwapOtp = "123456"

  /// The device that a triggered `RDN_IMEI_CHANGE` notification moves the line to.
  public static let notificationImei = "351234567890124"

  /// The card the hosted payment page uses when the form names none.
  public static let defaultCard = "4242424242424242"
}
