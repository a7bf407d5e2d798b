/** Shopper-facing texts of Avarda's error codes, localized like `errorMessage` (userLanguageCode). */
import type { Language } from "./markets"

export type AuthorizationErrorCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 50 | 51 | 52 | 100 | 101

type Texts = Record<Language, string>

const CREDIT_NOT_APPROVED: Texts = {
  en: "Credit not approved please try different payment method",
  sv: "Krediten beviljades inte, vänligen välj ett annat betalningssätt",
  fi: "Luottoa lasku- tai tilimaksuun ei voitu myöntää. Ole hyvä ja valitse toinen maksutapa kassalla.",
  no: "Kreditten ble ikke innvilget, vennligst velg en annen betalingsmåte",
  da: "Kreditten blev ikke godkendt, vælg venligst en anden betalingsmetode",
}

const INVALID_IDENTITY: Texts = {
  en: "The application cannot be granted due to an invalid personal identity number. Please check your social security number or choose another payment method at checkout",
  sv: "Ansökan kan inte beviljas på grund av ett ogiltigt personnummer. Kontrollera ditt personnummer eller välj ett annat betalningssätt i kassan",
  fi: "Hakemusta ei voida hyväksyä virheellisen henkilötunnuksen vuoksi. Tarkista henkilötunnuksesi tai valitse toinen maksutapa kassalla",
  no: "Søknaden kan ikke innvilges på grunn av et ugyldig fødselsnummer. Kontroller fødselsnummeret ditt eller velg en annen betalingsmåte i kassen",
  da: "Ansøgningen kan ikke imødekommes på grund af et ugyldigt CPR-nummer. Kontroller dit CPR-nummer eller vælg en anden betalingsmetode i kassen",
}

const MESSAGES: Record<AuthorizationErrorCode, Texts> = {
  1: CREDIT_NOT_APPROVED,
  2: CREDIT_NOT_APPROVED,
  3: {
    en: "Credit not approved please check that name and address details match registered address",
    sv: "Krediten beviljades inte, kontrollera att namn och adress stämmer med folkbokföringsadressen",
    fi: "Luottoa ei myönnetty, tarkista että nimi- ja osoitetiedot vastaavat väestörekisterin osoitetta",
    no: "Kreditten ble ikke innvilget, kontroller at navn og adresse stemmer med folkeregistrert adresse",
    da: "Kreditten blev ikke godkendt, kontroller at navn og adresse svarer til den registrerede adresse",
  },
  4: {
    en: "Credit not approved due to incorrect amount",
    sv: "Krediten beviljades inte på grund av felaktigt belopp",
    fi: "Luottoa ei myönnetty virheellisen summan vuoksi",
    no: "Kreditten ble ikke innvilget på grunn av feil beløp",
    da: "Kreditten blev ikke godkendt på grund af forkert beløb",
  },
  5: INVALID_IDENTITY,
  6: INVALID_IDENTITY,
  7: {
    en: "Invalid email format",
    sv: "Ogiltigt format på e-postadressen",
    fi: "Virheellinen sähköpostiosoitteen muoto",
    no: "Ugyldig format på e-postadressen",
    da: "Ugyldigt format på e-mailadressen",
  },
  50: {
    en: "ID validation was not completed in time",
    sv: "ID-valideringen slutfördes inte i tid",
    fi: "Tunnistautumista ei suoritettu ajoissa",
    no: "ID-valideringen ble ikke fullført i tide",
    da: "ID-valideringen blev ikke gennemført i tide",
  },
  51: {
    en: "ID validation failed",
    sv: "ID-valideringen misslyckades",
    fi: "Tunnistautuminen epäonnistui",
    no: "ID-valideringen mislyktes",
    da: "ID-valideringen mislykkedes",
  },
  52: {
    en: "ID validation was made with a different personal identity number than the one in the application",
    sv: "ID-valideringen gjordes med ett annat personnummer än det i ansökan",
    fi: "Tunnistautuminen tehtiin eri henkilötunnuksella kuin hakemuksessa",
    no: "ID-valideringen ble gjort med et annet fødselsnummer enn det i søknaden",
    da: "ID-valideringen blev foretaget med et andet CPR-nummer end det i ansøgningen",
  },
  100: {
    en: "Service timeout, please try again later",
    sv: "Tjänsten svarade inte i tid, försök igen senare",
    fi: "Palvelu ei vastannut ajoissa, yritä myöhemmin uudelleen",
    no: "Tjenesten svarte ikke i tide, prøv igjen senere",
    da: "Tjenesten svarede ikke i tide, prøv igen senere",
  },
  101: {
    en: "Internal error",
    sv: "Internt fel",
    fi: "Sisäinen virhe",
    no: "Intern feil",
    da: "Intern fejl",
  },
}

export function authorizationErrorMessage(code: AuthorizationErrorCode, language: Language): string {
  return MESSAGES[code][language]
}
