using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;

namespace ScanShare.Web.Simulator.Abha;

/// <summary>An OTP the simulated ABHA service "sent", as the simulator page shows it in place of the patient's SMS.</summary>
public sealed record SimulatedOtp(string TxnId, string LoginHint, string SentTo, string Otp, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);

/// <summary>
/// The simulated service's login transactions: each OTP lives ten minutes and allows three wrong tries; a verified
/// transaction cannot be verified again. Tokens handed out name the transaction (T-token) or the account (X-token).
/// </summary>
public sealed class SimulatedOtps(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int MaxWrongTries = 3;

    private readonly ConcurrentDictionary<string, Transaction> _transactions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _chooserTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _accountTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SimulatedOtp> _sent = new();
    private ImmutableArray<Action<SimulatedOtp>> _subscribers = [];

    public enum Check
    {
        Verified,
        WrongOtp,
        TooManyTries,
        UnknownTransaction,
    }

    /// <summary>The newest OTPs first, as a phone's inbox shows them.</summary>
    public IReadOnlyList<SimulatedOtp> Sent => [.. _sent.Reverse().Take(20)];

    public SimulatedOtp Send(string loginHint, IReadOnlyList<SimulatedAbhaAccount> accounts, string sentTo)
    {
        var now = clock.GetUtcNow();
        var otp = new SimulatedOtp(Guid.NewGuid().ToString(), loginHint, sentTo, RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString("D6", null), now, now + Lifetime);
        _transactions[otp.TxnId] = new Transaction(otp, accounts);
        _sent.Enqueue(otp);
        while (_sent.Count > 50 && _sent.TryDequeue(out _))
        {
        }

        foreach (var subscriber in _subscribers)
        {
            subscriber(otp);
        }

        return otp;
    }

    /// <returns>The check's result; once verified, the accounts of the login and how they were looked up.</returns>
    public (Check Result, IReadOnlyList<SimulatedAbhaAccount> Accounts, string? LoginHint) Verify(string? txnId, string? otp)
    {
        if (txnId is null || !_transactions.TryGetValue(txnId, out var transaction) || clock.GetUtcNow() >= transaction.Otp.ExpiresAt)
        {
            return (Check.UnknownTransaction, [], null);
        }

        lock (transaction)
        {
            if (transaction.Closed)
            {
                return (Check.UnknownTransaction, [], null);
            }

            if (otp == transaction.Otp.Otp)
            {
                transaction.Closed = true;
                return (Check.Verified, transaction.Accounts, transaction.Otp.LoginHint);
            }

            transaction.WrongTries++;
            transaction.Closed = transaction.WrongTries >= MaxWrongTries;
            return (transaction.Closed ? Check.TooManyTries : Check.WrongOtp, [], null);
        }
    }

    /// <summary>Ends a transaction as if its ten minutes had passed.</summary>
    public void Expire(string txnId)
    {
        if (_transactions.TryGetValue(txnId, out var transaction))
        {
            transaction.Closed = true;
        }
    }

    public string ChooserToken(string txnId) => Issue(_chooserTokens, txnId);

    public string AccountToken(string abhaNumber) => Issue(_accountTokens, abhaNumber);

    /// <summary>The accounts a T-token may choose from, for the transaction it was issued in.</summary>
    public IReadOnlyList<SimulatedAbhaAccount> AccountsFor(string? chooserToken, string? txnId) =>
        chooserToken is not null && _chooserTokens.TryGetValue(chooserToken, out var issuedFor) && issuedFor == txnId
            && _transactions.TryGetValue(txnId, out var transaction) ? transaction.Accounts : [];

    public string? AbhaNumberFor(string? accountToken) =>
        accountToken is not null && _accountTokens.TryGetValue(accountToken, out var number) ? number : null;

    public IDisposable Subscribe(Action<SimulatedOtp> handler)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(handler)));
    }

    private static string Issue(ConcurrentDictionary<string, string> tokens, string value)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        tokens[token] = value;
        return token;
    }

    private sealed class Transaction(SimulatedOtp otp, IReadOnlyList<SimulatedAbhaAccount> accounts)
    {
        public SimulatedOtp Otp { get; } = otp;
        public IReadOnlyList<SimulatedAbhaAccount> Accounts { get; } = accounts;
        public int WrongTries { get; set; }
        public bool Closed { get; set; }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
