/**
 * The one place where errors from lower layers become French sentences for the user:
 * what happened, and what to do. Never shows raw error text (it could quote data).
 */
import { isCryptoError } from '../crypto';
import { PhoneCodeError } from '../intake';
import { isPortalError } from '../portal';
// The error module only: the scanner itself (app/scan) stays a lazily loaded chunk.
import { isScanError } from '../scan/scan-errors';
import { isStorageError } from '../store';
import { isPairingError, isSyncError } from '../sync';

const CRYPTO_MESSAGES: Record<string, string> = {
  'wrong-passphrase':
    'Phrase de passe incorrecte. Vérifiez le clavier (majuscules, accents) et réessayez.',
  'kdf-too-weak':
    "Les paramètres de protection de cet accès ont été affaiblis : le déverrouillage est refusé par sécurité. Utilisez l'accès d'un autre membre de l'équipe ou le code de secours.",
  integrity:
    "Donnée endommagée ou modifiée : elle ne peut pas être ouverte. Les autres données ne sont pas affectées ; signalez-le au titulaire de l'officine.",
  'unknown-epoch':
    'Cette donnée a été chiffrée avec une clé que cet appareil ne possède pas (clé effacée ou plus récente). Elle reste conservée telle quelle.',
  'unsupported-version':
    'Cette donnée vient d’une version plus récente de Comptoir. Mettez l’application à jour.',
  'keyring-wiped': 'La session est verrouillée. Déverrouillez pour continuer.',
  'invalid-input':
    'Code de secours invalide : vérifiez chaque groupe de caractères (28 caractères, tirets facultatifs).',
  'not-ready': 'Le module de chiffrement se charge encore. Réessayez dans un instant.',
};

const STORAGE_MESSAGES: Record<string, string> = {
  quota:
    "Stockage de l'appareil plein : rien n'a été enregistré et votre saisie est conservée à l'écran. Libérez de l'espace (photos, autres applications) puis réessayez.",
  missing:
    'Base de données locale introuvable : le navigateur l’a peut-être effacée. Ne saisissez rien de nouveau et contactez le titulaire de l’officine.',
  blocked:
    'Comptoir est ouvert dans un autre onglet qui bloque la mise à jour des données. Fermez les autres onglets de Comptoir puis rechargez.',
  unavailable:
    'Le stockage local est indisponible (navigation privée ou réglage du navigateur). Utilisez une fenêtre normale de Chrome ou Safari.',
  version:
    'Les données locales viennent d’une version plus récente de Comptoir. Mettez l’application à jour.',
  corrupt:
    "Donnée locale illisible : elle est conservée telle quelle. Signalez-le au titulaire de l'officine.",
  'not-found': 'Cette visite n’existe plus sur cet appareil. Rechargez la liste.',
  // Raised for a visit state that would go back, a phone registration already stored, a
  // vault or keyring changed in another tab: one sentence that fits them all.
  conflict:
    'Ces données ont changé entre-temps (dans un autre onglet ou déjà enregistrées) : rien n’a été écrasé. Rechargez puis recommencez.',
};

/** A French sentence for `error`: what happened and what to do. */
export function describeError(error: unknown): string {
  if (isCryptoError(error)) return CRYPTO_MESSAGES[error.code] ?? GENERIC;
  if (isStorageError(error)) return STORAGE_MESSAGES[error.code] ?? GENERIC;
  // Portal errors carry their French message (the portal's own words for a rejection).
  if (isPortalError(error)) return error.message;
  // Sync and pairing errors carry a French sentence saying what to do.
  if (isSyncError(error) || isPairingError(error)) return error.message;
  // Scanned codes (phone registrations, kit boxes, camera) say what is wrong and what to do.
  if (error instanceof PhoneCodeError || isScanError(error)) return error.message;
  return GENERIC;
}

const GENERIC =
  "Une erreur inattendue s'est produite ; rien n'a été perdu. Réessayez, puis rechargez l'application si le problème persiste.";
