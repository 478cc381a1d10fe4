package se.companydata.gateway.domain;

/** SSBTGU {@code Fel/@Typ}: why an item carries no value. Names are the wire names. */
public enum ErrorType {
    EjBehorig,
    EjKomplettSvar,
    ForetagFinnsEj,
    OgiltigBegaran,
    OgiltigtSvar,
    OtillgangligUppgiftskalla,
    Timeout,
    TvetydigBegaran,
    UppgiftFinnsEj,
    Odefinierad
}
