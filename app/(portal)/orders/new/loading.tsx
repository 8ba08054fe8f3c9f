import { OrderFormSkeleton } from "@/components/orders/form/order-form-skeleton";

export default function NewOrderLoading() {
  return <OrderFormSkeleton label="Loading the order form" />;
}
