/**
 * Passwords that top the published leak-frequency lists (French and international), plus
 * pharmacy words an attacker would try first. Lowercase, accents removed. Anything equal
 * to one of these (ignoring case, accents and trailing digits/symbols) is refused, and
 * each occurrence inside a longer passphrase counts as a single dictionary guess.
 */
// prettier-ignore
export const COMMON_PASSWORDS: readonly string[] = [
  // Digits and keyboard patterns.
  '123456', '1234567', '12345678', '123456789', '1234567890', '12345', '1234', '123123',
  '111111', '000000', '654321', '666666', '121212', '112233', '987654321', '159753', '147258369',
  '123321', '102030', '123654', '789456', '147258', '258369', '696969', '555555', '777777',
  '888888', '999999', '123456a', '1q2w3e4r', '1q2w3e', 'a1b2c3', 'azerty', 'azertyuiop',
  'azerty123', 'azerty1', 'azer', 'azertyui', 'qsdfgh', 'qsdfghjklm', 'wxcvbn', 'aqwzsx',
  'azqswx', 'qwerty', 'qwertyuiop', 'qwerty123', 'qwertz', 'asdfgh', 'asdfghjkl', 'zxcvbnm',
  '1qaz2wsx', 'abc123', 'abcdef', 'abcd1234',
  // Generic words.
  'password', 'password1', 'passw0rd', 'motdepasse', 'mot2passe', 'motdepass', 'mdp', 'secret',
  'admin', 'administrateur', 'root', 'login', 'welcome', 'bienvenue', 'test', 'testtest',
  'changeme', 'iloveyou', 'jetaime', 'jetaime1', 'monamour', 'amour', 'letmein', 'trustno1',
  'dragon', 'master', 'monkey', 'shadow', 'sunshine', 'princess', 'football', 'baseball',
  'superman', 'batman', 'starwars', 'pokemon', 'naruto', 'freedom', 'whatever', 'qazwsx',
  'michael', 'jordan', 'hello', 'hello123', 'charlie', 'killer', 'ninja',
  // French favourites.
  'soleil', 'doudou', 'marseille', 'paris', 'lyon', 'toulouse', 'bordeaux', 'nantes', 'lille',
  'france', 'loulou', 'chouchou', 'bonjour', 'coucou', 'salut', 'doudou1', 'chocolat',
  'princesse', 'nounours', 'cheri', 'cherie', 'bebe', 'maman', 'papa', 'famille', 'vacances',
  'liberte', 'olivier', 'nicolas', 'julien', 'camille', 'thomas', 'marie', 'sophie', 'isabelle',
  'nathalie', 'sandrine', 'celine', 'stephanie', 'julie', 'laura', 'manon', 'lucas', 'louis',
  'hugo', 'antoine', 'alexandre', 'pierre', 'philippe', 'christophe', 'sebastien', 'frederic',
  'laurent', 'patrick', 'michel', 'jeanne', 'caroline', 'emilie', 'audrey', 'aurelie', 'anthony',
  'maxime', 'kevin', 'jeremy', 'chaton', 'minou', 'titi', 'toto', 'tintin', 'snoopy', 'mickey',
  'pitchoune', 'poupette', 'bisous', 'tendresse', 'fleur', 'etoile', 'papillon', 'licorne',
  'dauphin', 'tigre', 'lapin', 'canard', 'poisson', 'football1', 'psg', 'olympique', 'om',
  'allezlom', 'fcnantes', 'rugby', 'tennis', 'musique', 'internet', 'ordinateur', 'portable',
  'orange', 'freebox', 'livebox', 'sfr', 'bouygues', 'wanadoo', 'free', 'motdepasse1', 'jesus',
  'dieu', 'merci', 'azerty12', 'azerty1234', 'soleil1', 'marseille13',
  // The trade: what an attacker tries first against a pharmacy.
  'pharmacie', 'pharmacien', 'pharmacienne', 'officine', 'comptoir', 'sante', 'docteur',
  'medecin', 'infirmier', 'covid', 'covid19', 'coronavirus', 'corona', 'vaccin', 'test',
  'antigenique', 'depistage', 'sidep', 'ameli', 'vitale', 'cartevitale', 'ordonnance',
];
