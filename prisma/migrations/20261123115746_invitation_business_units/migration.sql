-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "businessUnitIds" UUID[] DEFAULT ARRAY[]::UUID[];

