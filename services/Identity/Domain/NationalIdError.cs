namespace PublicServices.Identity.Domain;

/// <summary>Why a text is not a CCCD number, in the order <see cref="NationalIdNumber.TryParse"/> checks.</summary>
public enum NationalIdError { Missing, NotDigits, WrongLength, UnknownProvince, BirthYearInFuture }
