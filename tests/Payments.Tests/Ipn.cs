namespace PublicServices.Payments.Tests;

/// <summary>
/// Builds IPN and return query strings signed here, independently of the service: for the callbacks the sandbox cannot
/// be made to send (a wrong amount, sixteen at once, a tampered query). Payments themselves go through the sandbox.
/// </summary>
public sealed class Ipn
{
    readonly Dictionary<string, string> p;

    public Ipn(string txnRef, long amountVnd, bool paid = true)
    {
        p = new(StringComparer.Ordinal)
        {
            ["vnp_Amount"] = (amountVnd * 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["vnp_BankCode"] = "NCB", ["vnp_CardType"] = "ATM",
            ["vnp_OrderInfo"] = "Thanh toan le phi ho so", ["vnp_PayDate"] = "20261205103000",
            ["vnp_ResponseCode"] = paid ? "00" : "24", ["vnp_TmnCode"] = TestSigning.TmnCode,
            // As VNPay (and the sandbox): a payment that did not go through has number 0 and no bank transaction.
            ["vnp_TransactionNo"] = paid ? "14" + txnRef[..6] : "0",
            ["vnp_TransactionStatus"] = paid ? "00" : "02", ["vnp_TxnRef"] = txnRef,
        };
        if (paid)
            p["vnp_BankTranNo"] = "VNP" + txnRef[..8];
    }

    public Ipn With(string key, string value) { p[key] = value; return this; }

    public string Query(string? secret = null) => TestSigning.Query(p, secret);

    public string IpnPath(string? secret = null) => "/api/payments/vnpay/ipn?" + Query(secret);

    public string ReturnPath(string? secret = null) => "/api/payments/vnpay/return?" + Query(secret);
}
