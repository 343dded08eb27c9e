/**
 * The message table of every validation code, French and English.
 *
 * Each French message says what is wrong *and* how to fix it (two sentences), as DESIGN.md
 * requires. `{label}` is the field label in the message's language; other placeholders come
 * from `FieldError.params`. Codes are stable: the UI and the tests key on them.
 */

/** Values interpolated into a message template. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A message in both UI languages. */
export interface LocalizedMessage {
  fr: string;
  en: string;
}

/** Every validation code with its French and English template. */
export const FIELD_ERROR_MESSAGES = {
  required: {
    fr: 'Le champ « {label} » est obligatoire. Merci de le renseigner.',
    en: 'The field “{label}” is required. Please fill it in.',
  },
  'too-long': {
    fr: 'Le champ « {label} » dépasse {max} caractères. Raccourcissez-le.',
    en: 'The field “{label}” is longer than {max} characters. Please shorten it.',
  },
  'name.chars': {
    fr: 'Le champ « {label} » contient des caractères non autorisés. Utilisez uniquement des lettres (accents compris), des espaces, des tirets et des apostrophes.',
    en: 'The field “{label}” contains characters that are not allowed. Use only letters (accents allowed), spaces, hyphens and apostrophes.',
  },
  'text.chars': {
    fr: 'Le champ « {label} » contient des caractères non autorisés (symboles ou emojis). Retirez-les.',
    en: 'The field “{label}” contains characters that are not allowed (symbols or emoji). Please remove them.',
  },
  'date.format': {
    fr: 'Le champ « {label} » n’est pas une date lisible. Saisissez-la au format JJ/MM/AAAA, par exemple 05/03/1984.',
    en: 'The field “{label}” is not a readable date. Enter it as DD/MM/YYYY, for example 05/03/1984.',
  },
  'date.nonexistent': {
    fr: 'La date saisie dans « {label} » n’existe pas (par exemple un 29 février d’une année non bissextile ou un 31 avril). Vérifiez le jour et le mois.',
    en: 'The date entered in “{label}” does not exist (for example 29 February in a non-leap year, or 31 April). Please check the day and month.',
  },
  'date.future': {
    fr: 'Le champ « {label} » ne peut pas être dans le futur. Vérifiez le jour, le mois et l’année.',
    en: 'The field “{label}” cannot be in the future. Please check the day, month and year.',
  },
  'birthDate.too-old': {
    fr: 'La date de naissance correspond à plus de {maxYears} ans. Vérifiez l’année, saisie sur 4 chiffres.',
    en: 'The date of birth is more than {maxYears} years ago. Please check the year (4 digits).',
  },
  'sex.invalid': {
    fr: 'Le sexe doit être F (féminin), M (masculin) ou I (indéterminé). Choisissez l’une de ces trois options.',
    en: 'Sex must be F (female), M (male) or I (indeterminate). Please choose one of these options.',
  },
  'country.invalid': {
    fr: 'Le pays doit être un code ISO à 2 lettres, par exemple FR. Choisissez le pays dans la liste.',
    en: 'The country must be a 2-letter ISO code, for example FR. Please pick the country from the list.',
  },
  'postalCode.format-fr': {
    fr: 'Un code postal français comporte exactement 5 chiffres. Vérifiez-le, par exemple 75011.',
    en: 'A French postcode has exactly 5 digits. Please check it, for example 75011.',
  },
  'postalCode.range-fr': {
    fr: 'Ce code postal n’existe pas en France (il doit être compris entre 01000 et 98890). Vérifiez les deux premiers chiffres, ceux du département.',
    en: 'This postcode does not exist in France (it must be between 01000 and 98890). Please check the first two digits (the département).',
  },
  'postalCode.format': {
    fr: 'Le code postal doit comporter de 2 à 10 lettres ou chiffres. Vérifiez-le, ou vérifiez le pays choisi.',
    en: 'The postcode must have 2 to 10 letters or digits. Please check it, or check the selected country.',
  },
  'phone.format': {
    fr: 'Le numéro de téléphone n’est pas valide. Saisissez un mobile à 10 chiffres (06 ou 07…) ou au format international (+…).',
    en: 'The phone number is not valid. Enter a 10-digit French mobile number (06 or 07…) or an international number (+…).',
  },
  'phone.length-fr': {
    fr: 'Un numéro français comporte 10 chiffres (ou +33 suivi de 9 chiffres). Vérifiez qu’il ne manque ou ne dépasse aucun chiffre.',
    en: 'A French number has 10 digits (or +33 followed by 9 digits). Please check that no digit is missing or extra.',
  },
  'phone.not-mobile': {
    fr: 'Le numéro doit être un téléphone mobile (06 ou 07) pour recevoir le résultat par SMS. Saisissez un numéro de mobile.',
    en: 'The number must be a mobile phone (06 or 07) to receive the result by text message. Please enter a mobile number.',
  },
  'phone.international-prefix': {
    fr: 'Un numéro étranger doit commencer par + et l’indicatif du pays (par exemple +32 pour la Belgique). Ajoutez l’indicatif.',
    en: 'A foreign number must start with + and the country code (for example +32 for Belgium). Please add the country code.',
  },
  'phone.too-long': {
    fr: 'Le numéro dépasse 15 chiffres, la longueur maximale d’un numéro international. Vérifiez-le.',
    en: 'The number is longer than 15 digits, the maximum for an international number. Please check it.',
  },
  'email.format': {
    fr: 'L’adresse email n’est pas valide. Vérifiez qu’elle a la forme nom@domaine.fr, sans espace.',
    en: 'The email address is not valid. Please check it looks like name@domain.com, without spaces.',
  },
  'nir.length': {
    fr: 'Le NIR doit comporter 15 caractères (13 chiffres + clé de 2 chiffres). Vérifiez la carte Vitale.',
    en: 'The NIR must have 15 characters (13 digits + a 2-digit key). Please check the Carte Vitale.',
  },
  'nir.format': {
    fr: 'Le NIR ne doit contenir que des chiffres, sauf 2A ou 2B (Corse) en 6e et 7e positions. Recopiez-le depuis la carte Vitale.',
    en: 'The NIR may only contain digits, except 2A or 2B (Corsica) in positions 6 and 7. Please copy it from the Carte Vitale.',
  },
  'nir.sex': {
    fr: 'Le premier chiffre du NIR doit être 1 ou 2 (ou 3, 4, 7, 8 pour un numéro provisoire). Vérifiez-le sur la carte Vitale.',
    en: 'The first digit of the NIR must be 1 or 2 (or 3, 4, 7, 8 for a temporary number). Please check it on the Carte Vitale.',
  },
  'nir.month': {
    fr: 'Le mois de naissance du NIR (4e et 5e chiffres) n’est pas valide. Vérifiez ces deux chiffres sur la carte Vitale.',
    en: 'The birth month in the NIR (digits 4 and 5) is not valid. Please check these two digits on the Carte Vitale.',
  },
  'nir.place': {
    fr: 'Le lieu de naissance codé dans le NIR (6e à 10e caractères) n’est pas valide. Vérifiez ces caractères sur la carte Vitale.',
    en: 'The place of birth coded in the NIR (characters 6 to 10) is not valid. Please check them on the Carte Vitale.',
  },
  'nir.order': {
    fr: 'Le numéro d’ordre du NIR (11e à 13e chiffres) ne peut pas être 000. Vérifiez ces chiffres sur la carte Vitale.',
    en: 'The order number in the NIR (digits 11 to 13) cannot be 000. Please check these digits on the Carte Vitale.',
  },
  'nir.key': {
    fr: 'La clé du NIR (2 derniers chiffres) ne correspond pas aux 13 premiers : il y a probablement une faute de frappe. Relisez le numéro sur la carte Vitale.',
    en: 'The NIR key (last 2 digits) does not match the first 13 digits: there is probably a typo. Please re-read the number on the Carte Vitale.',
  },
  'nir.sex-mismatch': {
    fr: 'Le NIR commence par {digit}, ce qui ne correspond pas au sexe indiqué. Vérifiez le sexe ou le NIR.',
    en: 'The NIR starts with {digit}, which does not match the sex entered. Please check the sex or the NIR.',
  },
  'nir.year-mismatch': {
    fr: 'L’année de naissance du NIR ({nirYear}) ne correspond pas à la date de naissance. Vérifiez la date de naissance ou le NIR.',
    en: 'The birth year in the NIR ({nirYear}) does not match the date of birth. Please check the date of birth or the NIR.',
  },
  'rpps.format': {
    fr: 'Le n° RPPS comporte exactement 11 chiffres. Recopiez-le depuis la carte CPS.',
    en: 'The RPPS number has exactly 11 digits. Please copy it from the CPS card.',
  },
  'finess.format': {
    fr: 'Le n° FINESS comporte exactement 9 chiffres. Recopiez-le depuis l’annuaire FINESS de la pharmacie.',
    en: 'The FINESS number has exactly 9 digits. Please copy it from the pharmacy’s FINESS record.',
  },
  'luhn.key': {
    fr: 'Le dernier chiffre du {label} (clé de contrôle) ne correspond pas aux autres : il y a probablement une faute de frappe. Relisez le numéro.',
    en: 'The last digit of the {label} (check digit) does not match the others: there is probably a typo. Please re-read the number.',
  },
  'symptomOnset.required': {
    fr: 'Indiquez la date des premiers symptômes, ou cochez « pas de symptômes ». Cette information est transmise avec le résultat.',
    en: 'Enter the date symptoms started, or tick “no symptoms”. This is sent with the result.',
  },
  'symptomOnset.conflict': {
    fr: 'Une date de premiers symptômes est saisie alors que « pas de symptômes » est coché. Effacez la date ou décochez la case.',
    en: 'A symptom start date is entered but “no symptoms” is ticked. Please clear the date or untick the box.',
  },
  'symptomOnset.too-old': {
    fr: 'La date des premiers symptômes remonte à plus de {maxDays} jours. Vérifiez-la, ou cochez « pas de symptômes » s’il n’y en a plus.',
    en: 'The symptom start date is more than {maxDays} days ago. Please check it, or tick “no symptoms” if there are none now.',
  },
  'symptomOnset.before-birth': {
    fr: 'La date des premiers symptômes est antérieure à la date de naissance. Vérifiez les deux dates.',
    en: 'The symptom start date is before the date of birth. Please check both dates.',
  },
  'consent.required': {
    fr: 'Le consentement à la transmission du résultat est obligatoire. Cochez la case pour continuer.',
    en: 'Consent to send the result is required. Please tick the box to continue.',
  },
  'guardianName.required': {
    fr: 'La personne testée est mineure : le nom du représentant légal est obligatoire. Saisissez le nom du parent ou tuteur présent.',
    en: 'The person tested is a minor: the legal guardian’s name is required. Please enter the name of the parent or guardian present.',
  },
  'kit.unknown': {
    fr: 'Ce kit ne figure pas dans la liste des tests antigéniques. Choisissez-le dans la liste ou importez la liste officielle de l’UE.',
    en: 'This kit is not in the list of antigen tests. Please choose it from the list or import the official EU list.',
  },
  'kit.inactive': {
    fr: 'Ce kit a été retiré de la liste officielle de l’UE. Utilisez un autre kit.',
    en: 'This kit has been removed from the official EU list. Please use another kit.',
  },
  'lot.format': {
    fr: 'Le n° de lot ne doit contenir que des lettres, des chiffres, des tirets, des points ou des barres obliques. Recopiez-le depuis la boîte du kit.',
    en: 'The batch number may only contain letters, digits, hyphens, dots or slashes. Please copy it from the kit box.',
  },
  'expiry.expired': {
    fr: 'Ce kit est périmé depuis le {date}. Utilisez un kit dont la date de péremption n’est pas dépassée.',
    en: 'This kit expired on {date}. Please use a kit that has not expired.',
  },
  'gtin.format': {
    fr: 'Le GTIN comporte 8, 12, 13 ou 14 chiffres. Scannez à nouveau la boîte ou laissez le champ vide.',
    en: 'A GTIN has 8, 12, 13 or 14 digits. Please scan the box again or leave the field empty.',
  },
  'gtin.key': {
    fr: 'Le dernier chiffre du GTIN (clé GS1) ne correspond pas aux autres. Scannez à nouveau la boîte.',
    en: 'The last digit of the GTIN (GS1 check digit) does not match the others. Please scan the box again.',
  },
  'serial.format': {
    fr: 'Le numéro de série ne doit contenir que des lettres sans accent, des chiffres et les signes du code GS1 (20 caractères au plus). Scannez à nouveau la boîte ou laissez le champ vide.',
    en: 'The serial number may only contain unaccented letters, digits and GS1 code signs (20 characters at most). Please scan the box again or leave the field empty.',
  },
  'retention.days': {
    fr: 'Le champ « {label} » doit être un nombre entier de jours entre {min} et {max}. Corrigez la valeur.',
    en: 'The field “{label}” must be a whole number of days between {min} and {max}. Please correct it.',
  },
  'specimen.invalid': {
    fr: 'Le type de prélèvement doit être nasopharyngé ou nasal antérieur. Choisissez l’un des deux.',
    en: 'The specimen must be nasopharyngeal or anterior nasal. Please choose one of them.',
  },
  'sampledAt.format': {
    fr: 'La date/heure du prélèvement n’est pas lisible. Saisissez la date et l’heure, par exemple 05/03/2021 14:30.',
    en: 'The sampling date/time is not readable. Please enter the date and time, for example 05/03/2021 14:30.',
  },
  'sampledAt.future': {
    fr: 'La date/heure du prélèvement est dans le futur. Vérifiez l’heure saisie et l’horloge de la tablette.',
    en: 'The sampling date/time is in the future. Please check the time entered and the tablet’s clock.',
  },
  'sampledAt.too-old': {
    fr: 'Le prélèvement date de plus de {maxDays} jours. Vérifiez la date saisie.',
    en: 'The sample was taken more than {maxDays} days ago. Please check the date entered.',
  },
  'readingMinutes.range': {
    fr: 'Le temps de lecture doit être un nombre entier de minutes entre {min} et {max}. Reportez celui de la notice du kit.',
    en: 'The reading time must be a whole number of minutes between {min} and {max}. Please use the one in the kit leaflet.',
  },
  'result.invalid': {
    fr: 'Le résultat doit être positif, négatif ou non interprétable. Choisissez l’une de ces trois valeurs.',
    en: 'The result must be positive, negative or invalid. Please choose one of these values.',
  },
  'result.too-early': {
    fr: 'Le résultat est lu avant la fin du temps de lecture du kit ({minutes} min). Attendez {remaining} min de plus avant de le saisir.',
    en: 'The result is read before the kit’s reading time ({minutes} min) has passed. Please wait {remaining} more min before entering it.',
  },
  'passphrase.empty': {
    fr: 'La phrase de passe est vide. Choisissez au moins 4 mots sans rapport entre eux, par exemple tirés au hasard d’un dictionnaire.',
    en: 'The passphrase is empty. Choose at least 4 unrelated words, for example picked at random from a dictionary.',
  },
  'passphrase.common': {
    fr: 'Cette phrase de passe fait partie des mots de passe les plus courants et serait devinée en quelques secondes. Choisissez au moins 4 mots sans rapport entre eux.',
    en: 'This passphrase is one of the most common passwords and would be guessed in seconds. Choose at least 4 unrelated words.',
  },
  'passphrase.context': {
    fr: 'La phrase de passe ne contient que le nom de la pharmacie ou d’un membre de l’équipe, facile à deviner. Choisissez au moins 4 mots sans rapport avec la pharmacie.',
    en: 'The passphrase only contains the name of the pharmacy or of a staff member, which is easy to guess. Choose at least 4 words unrelated to the pharmacy.',
  },
  'passphrase.weak': {
    fr: 'Cette phrase de passe est trop facile à deviner (environ {bits} bits, il en faut {minBits}). Choisissez au moins 4 mots sans rapport entre eux, ou allongez-la.',
    en: 'This passphrase is too easy to guess (about {bits} bits, {minBits} needed). Choose at least 4 unrelated words, or make it longer.',
  },
} as const satisfies Record<string, LocalizedMessage>;

/** A code of {@link FIELD_ERROR_MESSAGES}. */
export type FieldErrorCode = keyof typeof FIELD_ERROR_MESSAGES;

/** Every code, for iteration (tests, translation audits). */
export const FIELD_ERROR_CODES = Object.keys(FIELD_ERROR_MESSAGES) as FieldErrorCode[];
