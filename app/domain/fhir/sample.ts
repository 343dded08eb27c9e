/**
 * The Specimen (https://hl7.org/fhir/R4/specimen.html) and the test kit as a Device
 * (https://hl7.org/fhir/R4/device.html) of a visit.
 */
import type { Device, DeviceDeviceName, Patient, Reference, Specimen } from '@medplum/fhirtypes';
import { findKit, kitDisplayName } from '../kits';
import type { TestInfo } from '../visit';
import { toFhirDateTime } from './date-time';
import { GS1_UDI_ISSUER, JRC_DEVICE_SYSTEM, SNOMED_SYSTEM, SPECIMEN_DISPLAYS } from './systems';

/** The swab taken from `subject`, with its SNOMED CT type and sampling time. */
export function toSpecimen(test: TestInfo, subject: Reference<Patient>): Specimen {
  return {
    resourceType: 'Specimen',
    type: {
      coding: [
        { system: SNOMED_SYSTEM, code: test.specimen, display: SPECIMEN_DISPLAYS[test.specimen] },
      ],
    },
    subject,
    collection: { collectedDateTime: toFhirDateTime(test.sampledAt) },
  };
}

/**
 * The kit: EU JRC device id, name, manufacturer (when the kit is in the built-in list),
 * lot, expiry, serial number and GTIN as the UDI device identifier (GS1, https://www.gs1.org/standards/id-keys/gtin).
 */
export function toDevice(test: TestInfo): Device {
  const kit = findKit(test.kitId);
  const deviceName: DeviceDeviceName[] = [{ name: test.kitName, type: 'manufacturer-name' }];
  if (kit) deviceName.push({ name: kitDisplayName(kit), type: 'user-friendly-name' });
  const device: Device = {
    resourceType: 'Device',
    identifier: [{ system: JRC_DEVICE_SYSTEM, value: test.kitId }],
    deviceName,
    lotNumber: test.lot,
    expirationDate: test.expiry,
  };
  if (kit) device.manufacturer = kit.manufacturer;
  if (test.serial !== undefined) device.serialNumber = test.serial;
  if (test.gtin !== undefined) {
    device.udiCarrier = [{ deviceIdentifier: test.gtin, issuer: GS1_UDI_ISSUER }];
  }
  return device;
}
