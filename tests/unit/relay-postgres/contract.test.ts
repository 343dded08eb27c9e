/** The PostgreSQL store meets the shared BundleStore contract, each store in a fresh schema. */
import { describeBundleStoreContract } from '../../../sync-server/store/contract';
import { PostgresBundleStore } from '../../../sync-server/store/postgres-store';
import { freshSchema } from '../../pg/postgres';

describeBundleStoreContract('PostgresBundleStore (fresh schema)', async () =>
  PostgresBundleStore.open({ connectionString: await freshSchema('contract') }),
);
