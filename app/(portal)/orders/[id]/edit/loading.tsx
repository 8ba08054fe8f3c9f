import { OrderFormSkeleton } from "@/components/orders/form/order-form-skeleton";

export default function EditOrderLoading() {
  return <OrderFormSkeleton label="Loading the order form" />;
}
